package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The content of an {@code Optional} is stored; empty is stored as {@code null}. */
final class OptionalResult implements ResultShape {

	@Override
	public boolean canHandle(Method method) {
		return method.getReturnType() == Optional.class;
	}

	@Override
	public Type storedType(Method method) {
		return ResultShape.contentType(method);
	}

	@Override
	public Object fromStored(@Nullable Object stored) {
		return Optional.ofNullable(stored);
	}

	@Override
	public @Nullable Object storing(@Nullable Object result, Storing store) {
		store.now((result != null) ? ((Optional<?>) result).orElse(null) : null);
		return result;
	}

}
