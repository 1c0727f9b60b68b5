package io.checkpointing.spring.expression;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * The root object of a {@code condition} or {@code unless} expression, as Spring's cache
 * abstraction has it: {@code #root.method}, {@code #root.methodName}, {@code #root.target},
 * {@code #root.targetClass} and {@code #root.args}.
 */
public final class CheckpointExpressionRoot {

	private final Method method;

	private final @Nullable Object target;

	private final Class<?> targetClass;

	private final @Nullable Object[] args;

	CheckpointExpressionRoot(Method method, @Nullable Object target, Class<?> targetClass, @Nullable Object[] args) {
		this.method = method;
		this.target = target;
		this.targetClass = targetClass;
		this.args = args;
	}

	/** @return the method called */
	public Method getMethod() {
		return this.method;
	}

	/** @return the method's name */
	public String getMethodName() {
		return this.method.getName();
	}

	/** @return the object the method is called on, {@code null} for a static method */
	public @Nullable Object getTarget() {
		return this.target;
	}

	/** @return the class of the object the method is called on */
	public Class<?> getTargetClass() {
		return this.targetClass;
	}

	/** @return the arguments of the call */
	public @Nullable Object[] getArgs() {
		return this.args;
	}

}
