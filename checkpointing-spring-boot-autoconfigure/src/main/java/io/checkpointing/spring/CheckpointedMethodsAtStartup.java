package io.checkpointing.spring;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;

import io.checkpointing.Checkpoint;
import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.engine.CheckpointEngine;
import org.jspecify.annotations.Nullable;
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
 * before their first call, has their declared result types checked against their serializers
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
		engine.declareMethods(checkpointedMethods());
		engine.warnOfUnstorableTypes();
		if (this.pruneOnStartup) {
			prune(engine);
		}
	}

	private void prune(CheckpointEngine engine) {
		try {
			engine.pruneOldCode();
		}
		catch (CheckpointException ex) {
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
	 * @return the {@code @Checkpoint} methods of the beans' classes, as the advice finds them:
	 * the implementation's own methods, an overridden one only once
	 */
	Set<Method> checkpointedMethods() {
		Set<Class<?>> classes = Collections.newSetFromMap(new IdentityHashMap<>());
		for (String name : this.beans.getBeanNamesForType(Object.class, true, false)) {
			Class<?> type = beanClass(name);
			if (type != null) {
				classes.add(ClassUtils.getUserClass(type));
			}
		}
		Set<Method> methods = new LinkedHashSet<>();
		for (Class<?> type : classes) {
			try {
				methods.addAll(java.util.List.of(ReflectionUtils.getUniqueDeclaredMethods(type,
						(method) -> !method.isBridge() && method.isAnnotationPresent(Checkpoint.class))));
			}
			catch (LinkageError | IllegalStateException ex) {
				// A class whose methods cannot be listed (a missing optional dependency) has none we could call.
				logger.debug("Cannot list the methods of {}: {}", type.getName(), ex.toString());
			}
		}
		return methods;
	}

	/** The target class of an existing singleton (behind its proxy), else the bean's type, creating nothing. */
	private @Nullable Class<?> beanClass(String name) {
		try {
			Object singleton = this.beans.containsSingleton(name) ? this.beans.getSingleton(name) : null;
			return (singleton != null) ? AopProxyUtils.ultimateTargetClass(singleton) : this.beans.getType(name, false);
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot tell the class of bean {}: {}", name, ex.toString());
			return null;
		}
	}

}
