package io.checkpointing.spring;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.engine.CheckpointDeclarations;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Warns at startup, once per method, of a {@code @Checkpoint} interface method of a bean that a
 * JDK proxy with no class behind it answers (an HTTP interface client, a proxy of the
 * application's own {@link InvocationHandler}): such a method is checkpointed, but its key holds
 * its declaration and arguments only, since there is no code to read, so a change of what answers
 * it is not seen. Spring Data repositories are not warned of: their query methods are their
 * declarations, which is what counts (see {@code docs/spring-data.md}).
 */
public final class ProxiedCheckpointsCheck implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(ProxiedCheckpointsCheck.class);

	private final Map<Class<?>, Boolean> checked = new ConcurrentHashMap<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Object answering = innermost(bean);
		if (answering != null && Proxy.isProxyClass(answering.getClass())
				&& !ProxiedInterfaces.isRepository(answering.getClass())) {
			this.checked.computeIfAbsent(answering.getClass(), (proxyClass) -> {
				warnOfDeclaredMethods(proxyClass, beanName);
				return true;
			});
		}
		return bean;
	}

	/** The object that answers the bean's calls, through Spring AOP's proxies; {@code null} if none has a target. */
	private static @Nullable Object innermost(Object bean) {
		Object current = bean;
		while (current instanceof Advised advised) {
			Object target = AopProxyUtils.getSingletonTarget(advised);
			if (target == null) {
				// No target class: the proxy's interceptors answer (as for an HTTP interface client).
				return (advised.getTargetSource().getTargetClass() == null) ? current : null;
			}
			current = target;
		}
		return current;
	}

	private static void warnOfDeclaredMethods(Class<?> proxyClass, String beanName) {
		for (Class<?> implemented : proxyClass.getInterfaces()) {
			for (Method method : implemented.getMethods()) {
				if (!method.isDefault() && CheckpointDeclarations.declarationOf(method, proxyClass) != null) {
					logger.warn("{}#{} (bean '{}') is @Checkpoint and answered by a JDK proxy with no class behind it:"
							+ " its key holds its declaration (interface, signature, annotations) and its arguments, not"
							+ " the code that answers it, so a change there does not rerun it. Give it"
							+ " @Checkpoint(version = \"...\") and change the version with that code, or annotate the"
							+ " method of a class instead.", implemented.getSimpleName(), method.getName(), beanName);
				}
			}
		}
	}

}
