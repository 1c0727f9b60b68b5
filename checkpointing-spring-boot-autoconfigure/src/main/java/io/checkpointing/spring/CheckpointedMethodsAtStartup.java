package io.checkpointing.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.checkpointing.Checkpoint;
import io.checkpointing.OnError;
import io.checkpointing.engine.CheckpointDeclarations;
import io.checkpointing.engine.CheckpointEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Once every singleton of the context exists (as Spring's cache abstraction checks its setup),
 * tells the engine the {@code @Checkpoint} methods of every bean, so that pruning knows them
 * before their first call, fails the startup if an annotation has a value that cannot be used
 * (naming the method and the value), has their declared result types checked against their serializers
 * (a warning for each that cannot be stored), and, with {@code checkpointing.prune-on-startup},
 * prunes the entries of their old code.
 */
public final class CheckpointedMethodsAtStartup implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointedMethodsAtStartup.class);

	private final ConfigurableListableBeanFactory beans;

	private final ObjectProvider<CheckpointEngine> engine;

	private final boolean pruneOnStartup;

	private final OnError onError;

	/**
	 * @param beans the context's beans
	 * @param engine the engine, if the context has one
	 * @param pruneOnStartup whether to prune the entries of old code now
	 * @param onError what a failure to prune does: log it, or fail the startup under {@code raise}
	 */
	public CheckpointedMethodsAtStartup(ConfigurableListableBeanFactory beans, ObjectProvider<CheckpointEngine> engine,
			boolean pruneOnStartup, OnError onError) {
		this.beans = beans;
		this.engine = engine;
		this.pruneOnStartup = pruneOnStartup;
		this.onError = onError;
	}

	@Override
	public void afterSingletonsInstantiated() {
		CheckpointEngine engine = this.engine.getIfUnique();
		if (engine == null) {
			return;
		}
		checkpointedMethods().forEach(engine::declareMethods);
		// As Spring's cache abstraction refuses an invalid annotation when it creates the proxy, and as a
		// @Checkpoint expression that cannot be parsed fails the startup: whatever the error policy.
		List<String> misconfigurations = engine.misconfigurations();
		if (!misconfigurations.isEmpty()) {
			throw new IllegalStateException(String.join(System.lineSeparator(), misconfigurations));
		}
		engine.warnOfUnstorableTypes();
		if (this.pruneOnStartup) {
			prune(engine);
		}
	}

	private void prune(CheckpointEngine engine) {
		try {
			engine.pruneOldCode();
		}
		catch (RuntimeException ex) {
			// A CheckpointException from the store, or whatever a custom backend's listing or delete throws.
			if (this.onError == OnError.RAISE) {
				throw ex;
			}
			if (this.onError == OnError.WARN) {
				logger.warn("checkpointing.prune-on-startup: {}. The entries are kept; the application starts.",
						ex.getMessage());
			}
		}
	}

	/**
	 * @return the checkpointed methods of the beans, by the class they are called as, named as
	 * {@link CheckpointAspect} names their calls: a bean's methods that carry {@code @Checkpoint}
	 * or implement an interface method that does, by the bean's class; the annotated interface
	 * methods of a Spring Data repository (or of another JDK proxy with no class behind it), by the
	 * interface called
	 */
	Map<Class<?>, Set<Method>> checkpointedMethods() {
		Map<Class<?>, Set<Method>> methods = new LinkedHashMap<>();
		for (String name : this.beans.getBeanNamesForType(Object.class, true, false)) {
			try {
				Object singleton = this.beans.containsSingleton(name) ? this.beans.getSingleton(name) : null;
				Class<?> type = (singleton != null) ? AopProxyUtils.ultimateTargetClass(singleton)
						: this.beans.getType(name, false);
				if (singleton != null && Proxy.isProxyClass(singleton.getClass())
						&& (ProxiedInterfaces.isRepository(singleton.getClass()) || Proxy.isProxyClass(type))) {
					addInterfaceMethods(singleton.getClass(), methods);
				}
				else if (type != null) {
					addClassMethods(ClassUtils.getUserClass(type), methods);
				}
			}
			catch (RuntimeException | LinkageError ex) {
				// A class whose methods cannot be listed (a missing optional dependency): known at its first call.
				logger.debug("Cannot list the checkpointed methods of bean {}: {}", name, ex.toString());
			}
		}
		return methods;
	}

	private static void addClassMethods(Class<?> type, Map<Class<?>, Set<Method>> methods) {
		if (methods.containsKey(type)) {
			return;
		}
		Set<Method> found = new LinkedHashSet<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, (method) -> !method.isBridge())) {
			if (CheckpointDeclarations.declarationOf(method, type) != null) {
				found.add(method);
			}
		}
		methods.put(type, found);
	}

	/** A repository, or a proxy with no class behind it: its interfaces' methods, as the interface called. */
	private static void addInterfaceMethods(Class<?> proxyClass, Map<Class<?>, Set<Method>> methods) {
		for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(proxyClass)) {
			for (Method method : implemented.getDeclaredMethods()) {
				if (method.isAnnotationPresent(Checkpoint.class) && !Modifier.isStatic(method.getModifiers())) {
					methods.computeIfAbsent(ProxiedInterfaces.calledInterface(proxyClass, method.getDeclaringClass()),
							(type) -> new LinkedHashSet<>()).add(method);
				}
			}
		}
	}

}
