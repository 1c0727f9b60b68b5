package io.checkpointing.spring.expression;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.Checkpoint;
import io.checkpointing.engine.CheckpointDeclarations;
import io.checkpointing.engine.DeclaredExpressions;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ReflectionUtils;

/**
 * Parses the expressions of every bean's {@code @Checkpoint} methods as the bean is created, so
 * that an expression that cannot be parsed fails the application's startup, naming the method,
 * the parameter and the expression, instead of a call later. In both weaving modes.
 */
public final class CheckpointExpressionsCheck implements BeanPostProcessor {

	private final SpelCheckpointExpressions expressions;

	private final Map<Class<?>, Boolean> checked = new ConcurrentHashMap<>();

	/**
	 * @param expressions parses the expressions
	 */
	public CheckpointExpressionsCheck(SpelCheckpointExpressions expressions) {
		this.expressions = expressions;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		this.checked.computeIfAbsent(AopUtils.getTargetClass(bean), (type) -> {
			ReflectionUtils.doWithMethods(type, (method) -> {
				// On the method, or on the interface method it implements.
				Method declaration = CheckpointDeclarations.declarationOf(method, type);
				DeclaredExpressions declared = (declaration != null) ? DeclaredExpressions.of(declaration)
						: DeclaredExpressions.NONE;
				if (declaration != null && !declared.isEmpty()) {
					String name = declaration.getAnnotation(Checkpoint.class).name();
					try {
						this.expressions.prepare(declaration, name.isEmpty()
								? type.getSimpleName() + "#" + method.getName() : name, declared);
					}
					catch (IllegalArgumentException ex) {
						throw new BeanCreationException(beanName, String.valueOf(ex.getMessage()), ex);
					}
				}
			}, (method) -> !method.isBridge());
			return true;
		});
		return bean;
	}

}
