package io.checkpointing.engine;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * One call of a checkpointed method, as an interceptor sees it.
 * @param method the implementation method that carries {@code @Checkpoint}
 * @param target the object the method is called on, {@code null} for a static method
 * @param arguments the arguments
 * @param body runs the method itself
 */
// Holds its arrays as parts to read, never compared or used as a key: array equality does not matter.
@SuppressWarnings("ArrayRecordComponent")
public record MethodCall(Method method, @Nullable Object target, @Nullable Object[] arguments,
		Body body) {

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
