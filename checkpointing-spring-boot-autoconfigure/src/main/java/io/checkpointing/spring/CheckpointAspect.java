package io.checkpointing.spring;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.checkpointing.Checkpoint;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.MethodCall;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.core.BridgeMethodResolver;

/**
 * Routes every call of a {@link Checkpoint @Checkpoint} method of a Spring bean through the
 * {@link CheckpointEngine}, as a Spring AOP advisor ({@code checkpointing.mode=proxy}). The
 * annotation is found on the implementation method, so it works behind JDK interface proxies and
 * CGLIB class proxies alike.
 *
 * <p>An advisor rather than an {@code @Aspect} class on purpose: {@code ajc}, given this jar as an
 * aspect library for compile-time weaving, weaves every {@code @Aspect} it finds, and this one
 * must stay out of woven code (the woven aspect is
 * {@link io.checkpointing.spring.weaving.WovenCheckpointAspect}).
 */
public class CheckpointAspect extends StaticMethodMatcherPointcutAdvisor implements MethodInterceptor {

	// Spring's advisors are Serializable; this one's state is transient and rebuilt on first use.
	private static final long serialVersionUID = 1L;

	private final transient Supplier<CheckpointEngine> engineSource;

	private transient volatile @Nullable CheckpointEngine engine;

	private final transient Map<ImplementationLookup, Method> implementations = new ConcurrentHashMap<>();

	/**
	 * @param engine the engine that runs checkpointed calls
	 */
	public CheckpointAspect(CheckpointEngine engine) {
		this(() -> engine);
	}

	/**
	 * @param engine supplies the engine on the first checkpointed call. Advisors are created
	 * while bean post-processors are set up; resolving the engine (its backend, listeners and
	 * their configuration) then would create those beans too early.
	 */
	// The advisor is its own advice: setAdvice only keeps the reference, read after construction.
	@SuppressWarnings("this-escape")
	public CheckpointAspect(Supplier<CheckpointEngine> engine) {
		this.engineSource = engine;
		setAdvice(this);
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return implementationOf(method, targetClass).isAnnotationPresent(Checkpoint.class);
	}

	/**
	 * @param invocation the call of a checkpointed method
	 * @return the method's result, computed now or earlier
	 * @throws Throwable whatever the method throws
	 */
	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method method = (target != null) ? implementationOf(invocation.getMethod(), AopUtils.getTargetClass(target))
				: invocation.getMethod();
		return engine().call(new MethodCall(method, target, invocation.getArguments(), invocation::proceed));
	}

	private CheckpointEngine engine() {
		CheckpointEngine engine = this.engine;
		if (engine == null) {
			engine = this.engineSource.get();
			this.engine = engine;
		}
		return engine;
	}

	private Method implementationOf(Method invoked, Class<?> targetClass) {
		return this.implementations.computeIfAbsent(new ImplementationLookup(invoked, targetClass),
				(lookup) -> BridgeMethodResolver.findBridgedMethod(
						AopUtils.getMostSpecificMethod(lookup.invoked(), lookup.targetClass())));
	}

	private record ImplementationLookup(Method invoked, Class<?> targetClass) {

	}

}
