package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/** The result itself is stored: every return type no other shape handles. */
final class PlainResult implements ResultShape {

	@Override
	public boolean canHandle(Method method) {
		return true;
	}

	@Override
	public Type storedType(Method method) {
		return method.getGenericReturnType();
	}

	@Override
	public @Nullable Object fromStored(@Nullable Object stored) {
		return stored;
	}

	@Override
	public @Nullable Object storing(@Nullable Object result, Storing store) {
		store.now(result);
		return result;
	}

}
