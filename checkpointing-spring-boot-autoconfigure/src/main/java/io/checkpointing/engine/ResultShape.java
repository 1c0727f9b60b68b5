package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * How a method's return value relates to what is stored: most results are stored as they are;
 * an {@code Optional}, a future or a reactive type stores its content. Each shape handles the
 * return types it {@linkplain #canHandle recognizes}; {@link ResultShapes} picks one per method,
 * once, on its first call. A new return type (a Kotlin {@code suspend} function, say) is one more
 * implementation registered there.
 */
interface ResultShape {

	/**
	 * @param method a checkpointed method
	 * @return whether this shape handles what the method returns
	 */
	boolean canHandle(Method method);

	/**
	 * @return whether the method's result does its work only when subscribed to (a {@code Mono},
	 * a {@code Flux}, a Kotlin suspend function's): a call nobody subscribes to computes nothing
	 */
	default boolean runsWhenSubscribed() {
		return false;
	}

	/**
	 * @param method a method this shape handles
	 * @return the type of what is stored, as the serializer must read it back
	 */
	Type storedType(Method method);

	/**
	 * @param stored a stored value, of the {@linkplain #storedType stored type}
	 * @return what a hit returns for it
	 */
	@Nullable Object fromStored(@Nullable Object stored);

	/**
	 * Hands what a computed result holds to {@code store}: at once, or when the result completes.
	 * @param result what the method returned
	 * @param store stores the content
	 * @return what the caller gets
	 */
	@Nullable Object storing(@Nullable Object result, Storing store);

	/**
	 * The first type argument of the method's return type, such as {@code T} of
	 * {@code Optional<T>}; {@code Object} for a raw type.
	 * @param method a method whose return type has a content type
	 * @return the content type
	 */
	static Type contentType(Method method) {
		Type returned = method.getGenericReturnType();
		return (returned instanceof ParameterizedType parameterized) ? parameterized.getActualTypeArguments()[0]
				: Object.class;
	}

	/** Stores the content of a result. */
	interface Storing {

		/**
		 * Stores the content of a result the caller has not received yet: a failure follows the
		 * method's error policy.
		 * @param content the content
		 */
		void now(@Nullable Object content);

		/**
		 * Stores the content of a result that completed after the call returned: a failure is
		 * logged, as there is no caller left to raise it to.
		 * @param content the content
		 */
		void whenCompleted(@Nullable Object content);

	}

}
