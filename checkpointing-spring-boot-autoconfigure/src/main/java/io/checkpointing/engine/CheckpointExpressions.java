package io.checkpointing.engine;

import java.lang.reflect.Method;

/**
 * Prepares the expressions a {@code @Checkpoint} method declares ({@code condition},
 * {@code unless}, {@code @Checkpoint.Key}) for evaluation, once per method. The engine knows no
 * expression language: the Spring adapter implements this with SpEL and sets it on the builder.
 * An engine without one refuses a method that declares expressions.
 */
@FunctionalInterface
public interface CheckpointExpressions {

	/** Evaluates no expression: a method that declares one cannot be checkpointed. */
	CheckpointExpressions NONE = (method, name, declared) -> {
		throw new IllegalArgumentException("Cannot checkpoint " + name + ": its condition, unless or @Checkpoint.Key"
				+ " expressions need Spring's expression language, which this engine was not given. Run it in a Spring"
				+ " application context, or set CheckpointEngineBuilder.expressions(...).");
	};

	/**
	 * @param method the method
	 * @param name its display name, for messages
	 * @param declared what it declares; not empty
	 * @return the method's expressions, ready to evaluate
	 * @throws IllegalArgumentException naming the method, the parameter if any, and the expression,
	 * if an expression cannot be parsed
	 */
	MethodExpressions prepare(Method method, String name, DeclaredExpressions declared);

}
