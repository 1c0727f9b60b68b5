package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The value of a Reactor {@code Mono} is stored when it completes, empty as {@code null}; an
 * error stores nothing. Registered by {@link ResultShapes} only when Reactor is present.
 */
final class MonoResult implements ResultShape {

	static final String MONO = "reactor.core.publisher.Mono";

	@Override
	public boolean canHandle(Method method) {
		return method.getReturnType().getName().equals(MONO);
	}

	@Override
	public Type storedType(Method method) {
		return ResultShape.contentType(method);
	}

	/** @return the {@code Mono} of a stored value: {@code null} is an empty {@code Mono} */
	@Override
	public Object fromStored(@Nullable Object stored) {
		return Mono.justOrEmpty(stored);
	}

	@Override
	public @Nullable Object storing(@Nullable Object result, Storing store) {
		if (result == null) {
			store.now(null);
			return null;
		}
		return ((Mono<?>) result).doOnSuccess(store::whenCompleted);
	}

	@Override
	public boolean runsWhenSubscribed() {
		return true;
	}

}
