package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;

import io.checkpointing.key.KeyedParameters;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * A Kotlin {@code suspend} function, stored like a {@code CompletableFuture}: its value once it
 * completes, an exception storing nothing. Spring AOP (6.1 and later) calls a suspend function
 * through {@code CoroutinesUtils.invokeSuspendingFunction}, so what an interceptor gets from
 * {@code proceed()} is a {@code Mono} of the value, and the proxy awaits what the interceptor
 * returns with the caller's continuation; a hit is therefore a {@code Mono} of the stored value.
 * The continuation, the last parameter, is not part of the key
 * ({@link KeyedParameters#isSuspending}). Registered by {@link ResultShapes} only when Reactor is
 * present, as Spring's support of suspend functions needs it too.
 */
final class SuspendResult implements ResultShape {

	@Override
	public boolean canHandle(Method method) {
		return KeyedParameters.isSuspending(method);
	}

	/** @return {@code T} of the continuation's {@code Continuation<? super T>}: what the function returns */
	@Override
	public Type storedType(Method method) {
		Type[] parameters = method.getGenericParameterTypes();
		Type continuation = parameters[parameters.length - 1];
		if (continuation instanceof ParameterizedType parameterized) {
			Type argument = parameterized.getActualTypeArguments()[0];
			if (argument instanceof WildcardType wildcard) {
				Type[] lower = wildcard.getLowerBounds();
				return (lower.length > 0) ? lower[0] : Object.class;
			}
			return argument;
		}
		return Object.class;
	}

	@Override
	public Object fromStored(@Nullable Object stored) {
		return Mono.justOrEmpty(stored);
	}

	@Override
	public @Nullable Object storing(@Nullable Object result, Storing store) {
		if (!(result instanceof Publisher<?> publisher)) {
			throw new IllegalStateException("A checkpointed Kotlin suspend function returned "
					+ ((result != null) ? result.getClass().getName() : "null") + " to its interceptor instead of a"
					+ " Publisher: Spring AOP calls suspend functions as a Mono only when"
					+ " org.jetbrains.kotlinx:kotlinx-coroutines-reactor is on the class path; add it");
		}
		return Mono.from(publisher).doOnSuccess(store::whenCompleted);
	}

	@Override
	public boolean runsWhenSubscribed() {
		return true;
	}

}
