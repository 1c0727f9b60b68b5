package io.checkpointing.key;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Replaces the whole derivation of a call's identity, like the Python package's custom
 * identifier: the code fingerprint, the state and the arguments are then ignored, and calls
 * whose identities are equal share one stored result. In a Spring application a bean of this
 * type is used.
 *
 * <pre>{@code
 * // Identify a call by its method's name only: one stored result per method.
 * @Bean
 * KeyStrategy byMethodName() {
 *     return (method, target, arguments) -> method.getName();
 * }
 * }</pre>
 */
@FunctionalInterface
public interface KeyStrategy {

	/**
	 * @param method the checkpointed method
	 * @param target the object it is called on, {@code null} for a static method
	 * @param arguments the call's arguments
	 * @return the call's identity: a value with a canonical form, hashed like an argument
	 */
	@Nullable Object identify(Method method, @Nullable Object target, @Nullable Object[] arguments);

}
