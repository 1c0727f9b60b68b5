package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * The value a {@code CompletableFuture} or {@code CompletionStage} completes with is stored, when
 * it completes; a failed future stores nothing.
 */
final class FutureResult implements ResultShape {

	@Override
	public boolean canHandle(Method method) {
		Class<?> returned = method.getReturnType();
		return returned == CompletableFuture.class || returned == CompletionStage.class;
	}

	@Override
	public Type storedType(Method method) {
		return ResultShape.contentType(method);
	}

	// The future is the method's result, returned to its caller, not dropped.
	@SuppressWarnings("FutureReturnValueIgnored")
	@Override
	public Object fromStored(@Nullable Object stored) {
		return CompletableFuture.completedFuture(stored);
	}

	@Override
	public @Nullable Object storing(@Nullable Object result, Storing store) {
		if (result instanceof CompletionStage<?> future) {
			future.whenComplete((value, failure) -> {
				if (failure == null) {
					store.whenCompleted(value);
				}
			});
		}
		else {
			store.now(result);
		}
		return result;
	}

}
