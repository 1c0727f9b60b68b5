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
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
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
				: parseBeforeResult(method, declared.condition(), name + ": @Checkpoint(condition = \"" + declared.condition() + "\")");
		Expression unless = declared.unless().isEmpty() ? null
				: parse(declared.unless(), name + ": @Checkpoint(unless = \"" + declared.unless() + "\")");
		Map<Integer, Expression> keys = new HashMap<>();
		for (Map.Entry<Integer, String> key : declared.keys().entrySet()) {
			keys.put(key.getKey(), parseBeforeResult(method, key.getValue(), name + ": "
					+ SpelMethodExpressions.describeKey(method, key.getKey(), key.getValue())));
		}
		return new SpelMethodExpressions(method, name, declared, condition, unless, keys, this.beans);
	}

	/**
	 * Parses an expression evaluated before the method runs, which therefore cannot read
	 * {@code #result}: where Spring's cache abstraction fails such a {@code condition} at each call
	 * ({@code VariableNotAvailableException}), this fails it once, when the method is prepared. A
	 * parameter named {@code result} is what {@code #result} means there, as in Spring.
	 */
	private Expression parseBeforeResult(Method method, String text, String where) {
		Expression expression = parse(text, where);
		if (expression instanceof SpelExpression spel && readsResult(spel.getAST())
				&& !SpelMethodExpressions.hasParameterNamed(method, SpelMethodExpressions.RESULT)) {
			throw new IllegalArgumentException("Cannot checkpoint " + where + " reads #result, which does not exist"
					+ " yet: it is evaluated before the method runs. Decide on the result with @Checkpoint(unless = ...)");
		}
		return expression;
	}

	private static boolean readsResult(SpelNode node) {
		if (node instanceof VariableReference && node.toStringAST().equals("#" + SpelMethodExpressions.RESULT)) {
			return true;
		}
		for (int child = 0; child < node.getChildCount(); child++) {
			if (readsResult(node.getChild(child))) {
				return true;
			}
		}
		return false;
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
