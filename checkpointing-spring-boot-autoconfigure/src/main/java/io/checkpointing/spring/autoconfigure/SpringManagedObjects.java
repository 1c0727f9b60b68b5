package io.checkpointing.spring.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.key.ManagedObjects;

import org.springframework.aop.TargetSource;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Leads a checkpointed method's state to the beans it calls: unwraps Spring AOP proxies (CGLIB or
 * JDK, {@code @Lazy} references included) to their targets and {@link ObjectProvider}s to the
 * beans they provide, and counts as collaborators the classes of beans of this context that are
 * not configuration values ({@code @ConfigurationProperties} classes and records count by value).
 */
final class SpringManagedObjects implements ManagedObjects {

	/** A proxy of a proxy is possible (a scoped proxy of a lazy one): unwrap a few levels, not forever. */
	private static final int MAX_UNWRAPPING = 8;

	private final ConfigurableListableBeanFactory beanFactory;

	private final Map<Class<?>, Boolean> collaborators = new ConcurrentHashMap<>();

	SpringManagedObjects(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object targetOf(Object reference) {
		if (reference instanceof ObjectProvider<?> provider) {
			return provider.orderedStream().map(this::targetOf).toList();
		}
		Object current = reference;
		for (int i = 0; i < MAX_UNWRAPPING && current instanceof Advised advised; i++) {
			TargetSource source = advised.getTargetSource();
			try {
				Object target = source.getTarget();
				if (target == null) {
					return current;
				}
				current = target;
			}
			catch (Exception ex) {
				// A target that cannot be had now (a scope that is not active): count the proxy, by its type.
				return current;
			}
		}
		return current;
	}

	@Override
	public boolean isCollaborator(Class<?> type) {
		return this.collaborators.computeIfAbsent(type, this::isBeanClassNotValue);
	}

	private boolean isBeanClassNotValue(Class<?> type) {
		if (type.isRecord() || AnnotatedElementUtils.hasAnnotation(type, ConfigurationProperties.class)) {
			return false;
		}
		return this.beanFactory.getBeanNamesForType(type, true, false).length > 0;
	}

}
