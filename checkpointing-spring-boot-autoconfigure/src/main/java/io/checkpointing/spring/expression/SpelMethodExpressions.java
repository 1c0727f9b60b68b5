package io.checkpointing.spring.expression;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;

import io.checkpointing.CheckpointException;
import io.checkpointing.engine.DeclaredExpressions;
import io.checkpointing.engine.MethodCall;
import io.checkpointing.engine.MethodExpressions;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;

/**
 * The parsed expressions of one method, evaluated per call in a context like the one of
 * Spring's cache abstraction: the arguments as {@code #a0}, {@code #p0} and by name (resolved
 * lazily), {@code #result} in {@code unless}, beans as {@code @name}.
 */
final class SpelMethodExpressions implements MethodExpressions {

	/** The variable that holds the result in {@code unless}. */
	static final String RESULT = "result";

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Method method;

	private final String name;

	private final DeclaredExpressions declared;

	private final @Nullable Expression condition;

	private final @Nullable Expression unless;

	private final Map<Integer, Expression> keys;

	private final @Nullable BeanResolver beans;

	SpelMethodExpressions(Method method, String name, DeclaredExpressions declared, @Nullable Expression condition,
			@Nullable Expression unless, Map<Integer, Expression> keys, @Nullable BeanResolver beans) {
		this.method = method;
		this.name = name;
		this.declared = declared;
		this.condition = condition;
		this.unless = unless;
		this.keys = Map.copyOf(keys);
		this.beans = beans;
	}

	@Override
	public boolean condition(MethodCall call) {
		Expression condition = this.condition;
		return condition == null
				|| isTrue(condition, context(rootOf(call), call), "@Checkpoint(condition = \"" + this.declared.condition() + "\")");
	}

	@Override
	public boolean unless(MethodCall call, @Nullable Object result) {
		Expression unless = this.unless;
		if (unless == null) {
			return false;
		}
		MethodBasedEvaluationContext context = context(rootOf(call), call);
		context.setVariable(RESULT, result);
		return isTrue(unless, context, "@Checkpoint(unless = \"" + this.declared.unless() + "\")");
	}

	@Override
	public @Nullable Object key(int parameterIndex, MethodCall call) {
		Expression key = this.keys.get(parameterIndex);
		if (key == null) {
			return call.arguments()[parameterIndex];
		}
		try {
			// The argument is the root: "id" reads the argument's id.
			return key.getValue(context(call.arguments()[parameterIndex], call));
		}
		catch (EvaluationException ex) {
			throw failed(describeKey(this.method, parameterIndex, this.declared.keys().get(parameterIndex)), ex);
		}
	}

	static boolean hasParameterNamed(Method method, String name) {
		@Nullable String @Nullable [] names = parameterNames.getParameterNames(method);
		return names != null && Arrays.asList(names).contains(name);
	}

	static String describeKey(Method method, int index, @Nullable String expression) {
		return "parameter " + index + " '" + method.getParameters()[index].getName() + "' with @Checkpoint.Key(\""
				+ expression + "\")";
	}

	private boolean isTrue(Expression expression, MethodBasedEvaluationContext context, String what) {
		Object value;
		try {
			value = expression.getValue(context);
		}
		catch (EvaluationException ex) {
			throw failed(what, ex);
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		throw new CheckpointException("Cannot checkpoint " + this.name + ": " + what + " must be true or false, was "
				+ ((value != null) ? value + " (" + value.getClass().getName() + ")" : "null"));
	}

	private CheckpointException failed(String what, EvaluationException ex) {
		return new CheckpointException("Cannot checkpoint " + this.name + ": evaluating " + what + " failed: "
				+ ex.getMessage(), ex);
	}

	private CheckpointExpressionRoot rootOf(MethodCall call) {
		Object target = call.target();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : this.method.getDeclaringClass();
		return new CheckpointExpressionRoot(this.method, target, targetClass, call.arguments());
	}

	private MethodBasedEvaluationContext context(@Nullable Object root, MethodCall call) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(root, this.method, call.arguments(),
				parameterNames);
		if (this.beans != null) {
			context.setBeanResolver(this.beans);
		}
		return context;
	}

}
