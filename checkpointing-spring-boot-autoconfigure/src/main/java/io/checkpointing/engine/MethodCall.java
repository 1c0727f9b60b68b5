package io.checkpointing.engine;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * One call of a checkpointed method, as an interceptor sees it.
 * @param method the implementation method: the one that runs, annotated {@code @Checkpoint} or
 * implementing an interface method that is; or an interface method with no body to read (a Spring
 * Data repository's query method, a method a JDK proxy answers)
 * @param target the object the method is called on, {@code null} for a static method
 * @param arguments the arguments
 * @param body runs the method itself
 * @param type the class the call is checkpointed as: the class of the object called, or the
 * interface (a repository interface) whose method has no body
 */
// Holds its arrays as parts to read, never compared or used as a key: array equality does not matter.
@SuppressWarnings("ArrayRecordComponent")
public record MethodCall(Method method, @Nullable Object target, @Nullable Object[] arguments,
		Body body, Class<?> type) {

	/**
	 * A call checkpointed as the class that declares the method.
	 * @param method the implementation method
	 * @param target the object the method is called on, {@code null} for a static method
	 * @param arguments the arguments
	 * @param body runs the method itself
	 */
	public MethodCall(Method method, @Nullable Object target, @Nullable Object[] arguments, Body body) {
		this(method, target, arguments, body, method.getDeclaringClass());
	}

	/** Runs the method's body, as {@code ProceedingJoinPoint#proceed} does. */
	@FunctionalInterface
	public interface Body {

		/**
		 * @return what the method returns
		 * @throws Throwable whatever the method throws
		 */
		@Nullable Object run() throws Throwable;

	}

}
