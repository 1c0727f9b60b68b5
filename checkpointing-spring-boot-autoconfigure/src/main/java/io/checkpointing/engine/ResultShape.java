package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * How a method's return value relates to what is stored: most results are stored as they are;
 * an {@code Optional} or a future stores its content.
 */
enum ResultShape {

	/** The result itself is stored. */
	PLAIN,

	/** The content of an {@code Optional} is stored; empty is stored as {@code null}. */
	OPTIONAL,

	/** The value a {@code CompletableFuture} completes with is stored; a failed future stores nothing. */
	FUTURE,

	/** The value of a Reactor {@code Mono} is stored, empty as {@code null}; an error stores nothing. */
	MONO,

	/** The elements of a Reactor {@code Flux} are stored as a list and replayed; an error stores nothing. */
	FLUX;

	static ResultShape of(Method method) {
		Class<?> returned = method.getReturnType();
		if (returned == Optional.class) {
			return OPTIONAL;
		}
		if (returned == CompletableFuture.class || returned == CompletionStage.class) {
			return FUTURE;
		}
		// By name: Reactor is optional, and only loaded for methods that return its types.
		if (returned.getName().equals(ReactiveResults.MONO)) {
			return MONO;
		}
		if (returned.getName().equals(ReactiveResults.FLUX)) {
			return FLUX;
		}
		return PLAIN;
	}

	/** @return the type of what is stored, as the serializer must read it back */
	Type storedType(Method method) {
		Type returned = method.getGenericReturnType();
		if (this == PLAIN) {
			return returned;
		}
		Type content = (returned instanceof ParameterizedType parameterized) ? parameterized.getActualTypeArguments()[0]
				: Object.class;
		return (this == FLUX) ? ReactiveResults.listOf(content) : content;
	}

	/**
	 * @param storedType the declared type of what is stored
	 * @param value a value read back
	 * @return whether the value can be returned for that type: an instance of its raw class,
	 * or {@code null} unless the type is primitive
	 */
	static boolean holds(Type storedType, @Nullable Object value) {
		Class<?> raw = rawClass(storedType);
		if (value == null) {
			return !raw.isPrimitive() || raw == void.class;
		}
		if (raw.isPrimitive()) {
			return java.lang.invoke.MethodType.methodType(raw).wrap().returnType().isInstance(value);
		}
		return raw.isInstance(value);
	}

	private static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> clazz) {
			return clazz;
		}
		if (type instanceof ParameterizedType parameterized) {
			return rawClass(parameterized.getRawType());
		}
		if (type instanceof java.lang.reflect.GenericArrayType array) {
			return rawClass(array.getGenericComponentType()).arrayType();
		}
		// A type variable or wildcard: its bounds are not checked, as erasure would not either.
		return Object.class;
	}

	/**
	 * @return what a call returns when it is only being explained: nothing, or zero for a
	 * primitive, which a proxy could not return as {@code null}
	 */
	static @Nullable Object placeholder(Method method) {
		Class<?> type = method.getReturnType();
		if (!type.isPrimitive() || type == void.class) {
			return null;
		}
		return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
	}

	/** @return what a hit returns for a stored value */
	@Nullable Object fromStored(@Nullable Object stored) {
		return switch (this) {
			case PLAIN -> stored;
			case OPTIONAL -> Optional.ofNullable(stored);
			case FUTURE -> CompletableFuture.completedFuture(stored);
			case MONO -> ReactiveResults.mono(stored);
			case FLUX -> ReactiveResults.flux(stored);
		};
	}

}
