package io.checkpointing.spring.weaving;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.Checkpoint;
import io.checkpointing.engine.CheckpointDeclarations;
import io.checkpointing.engine.CheckpointEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Binds the {@link WovenCheckpointAspect woven aspect} to an application context for the
 * context's life. In {@code checkpointing.mode=aspectj} it hands the aspect the context's engine
 * and refuses, at startup, a bean whose {@code @Checkpoint} methods the weaver did not weave
 * (they would silently never be checkpointed). In {@code proxy} mode it tells the aspect to stay
 * out of the way, should the weaver agent be present for other reasons.
 *
 * <p>A bean post-processor, so that it exists before the application's beans do and calls made
 * while they are created are already bound.
 */
public final class WovenAspectBinding implements BeanPostProcessor, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(WovenAspectBinding.class);

	private static final String WOVEN_JOIN_POINT_FIELD = "ajc$tjp_";

	private final CheckpointWeaving.Binding binding;

	private final boolean verifyWoven;

	private final Map<Class<?>, Boolean> verified = new ConcurrentHashMap<>();

	private WovenAspectBinding(CheckpointWeaving.Binding binding, boolean verifyWoven) {
		this.binding = binding;
		this.verifyWoven = verifyWoven;
	}

	/**
	 * @param engine the context's engine, resolved on the first woven call
	 * @return a binding that makes woven methods use that engine
	 */
	public static WovenAspectBinding aspectjMode(ObjectProvider<CheckpointEngine> engine) {
		logger.info("Checkpointing through the AspectJ-woven aspect (checkpointing.mode=aspectj)");
		return new WovenAspectBinding(CheckpointWeaving.bind(engine::getObject), true);
	}

	/**
	 * @return a binding that makes woven methods run plainly, as the proxies checkpoint them
	 */
	public static WovenAspectBinding proxyMode() {
		return new WovenAspectBinding(CheckpointWeaving.bindProxyMode(), false);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (this.verifyWoven) {
			Class<?> type = ClassUtils.getUserClass(bean);
			this.verified.computeIfAbsent(type, (key) -> verifyWoven(key, beanName));
		}
		return bean;
	}

	private static boolean verifyWoven(Class<?> type, String beanName) {
		warnOfInterfaceDeclarations(type, beanName);
		ReflectionUtils.doWithMethods(type, (method) -> {
			if (!isWoven(method.getDeclaringClass())) {
				throw new IllegalStateException("checkpointing.mode is aspectj, but " + method.getDeclaringClass().getName()
						+ "#" + method.getName() + " (bean '" + beanName + "') is @Checkpoint and was not woven by AspectJ,"
						+ " so it would never be checkpointed. Start the JVM with -javaagent:<path to aspectjweaver.jar>"
						+ " (and check that no META-INF/aop.xml of yours leaves " + method.getDeclaringClass().getName()
						+ " out), compile it with ajc and checkpointing-spring-boot-autoconfigure as an aspect library,"
						+ " or set checkpointing.mode=proxy. See docs/aspectj.md.");
			}
		}, (method) -> method.isAnnotationPresent(Checkpoint.class));
		return true;
	}

	/**
	 * The weaver's pointcut is on the execution of a method annotated {@code @Checkpoint}, and an
	 * annotation on an interface method is not on the class's method that implements it (nor on a
	 * Spring Data repository's, which a JDK proxy answers): such a declaration is not honoured in
	 * this mode, as Spring's own {@code @Cacheable} and {@code @Transactional} on interfaces are not
	 * in theirs. Warned of once per bean class, rather than ignored.
	 */
	private static void warnOfInterfaceDeclarations(Class<?> type, String beanName) {
		for (Method method : type.getMethods()) {
			if (method.isBridge() || (method.getDeclaringClass().isInterface() && method.isDefault())) {
				continue; // a default method not overridden is woven where it is declared
			}
			Method declaration = CheckpointDeclarations.declarationOf(method, type);
			if (declaration != null && !declaration.equals(method)) {
				boolean proxy = java.lang.reflect.Proxy.isProxyClass(type);
				logger.warn("{}#{} (bean '{}') is @Checkpoint on the interface {} only, which checkpointing.mode=aspectj"
						+ " does not honour: it is not checkpointed. {}, or set checkpointing.mode=proxy (which honours"
						+ " interface annotations, Spring Data repositories' included).",
						(proxy ? declaration.getDeclaringClass() : type).getSimpleName(), method.getName(), beanName,
						declaration.getDeclaringClass().getName(), proxy ? "A JDK proxy (a Spring Data repository) has"
								+ " no class to weave: call it from a @Checkpoint method of a class"
								: "Annotate the method of " + type.getName() + " itself");
			}
		}
	}

	/** The weaver adds a static join-point field to a class for each advised join point. */
	private static boolean isWoven(Class<?> type) {
		for (Field field : type.getDeclaredFields()) {
			if (field.getName().startsWith(WOVEN_JOIN_POINT_FIELD)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void destroy() {
		this.binding.close();
	}

}
