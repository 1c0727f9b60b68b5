package io.checkpointing.spring.expression;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import io.checkpointing.engine.CheckpointExpressions;
import io.checkpointing.engine.DeclaredExpressions;
import io.checkpointing.engine.MethodExpressions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Prepares the SpEL expressions of {@code @Checkpoint} methods: each is parsed once, when its
 * method is first prepared (at startup, by {@link CheckpointExpressionsCheck}, or on its first
 * call), and a parse error names the method, the parameter and the expression.
 */
public final class SpelCheckpointExpressions implements CheckpointExpressions {

	private final ExpressionParser parser = new SpelExpressionParser();

	private final @Nullable BeanResolver beans;

	/**
	 * @param beanFactory resolves {@code @beanName} references, or {@code null} outside an
	 * application context, where such a reference fails when evaluated
	 */
	public SpelCheckpointExpressions(@Nullable BeanFactory beanFactory) {
		this.beans = (beanFactory != null) ? new BeanFactoryResolver(beanFactory) : null;
	}

	@Override
	public MethodExpressions prepare(Method method, String name, DeclaredExpressions declared) {
		Expression condition = declared.condition().isEmpty() ? null
				: parse(declared.condition(), name + ": @Checkpoint(condition = \"" + declared.condition() + "\")");
		Expression unless = declared.unless().isEmpty() ? null
				: parse(declared.unless(), name + ": @Checkpoint(unless = \"" + declared.unless() + "\")");
		Map<Integer, Expression> keys = new HashMap<>();
		for (Map.Entry<Integer, String> key : declared.keys().entrySet()) {
			keys.put(key.getKey(), parse(key.getValue(), name + ": " + SpelMethodExpressions.describeKey(method,
					key.getKey(), key.getValue())));
		}
		return new SpelMethodExpressions(method, name, declared, condition, unless, keys, this.beans);
	}

	private Expression parse(String text, String where) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("Cannot checkpoint " + where + " is blank: remove it, or write an expression");
		}
		try {
			return this.parser.parseExpression(text);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("Cannot checkpoint " + where + " is not a valid SpEL expression: "
					+ ex.getMessage(), ex);
		}
	}

}
