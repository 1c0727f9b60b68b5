package io.checkpointing.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.checkpointing.Checkpoint;
import io.checkpointing.engine.CheckpointDeclarations;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.MethodCall;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.core.BridgeMethodResolver;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Routes every call of a {@link Checkpoint @Checkpoint} method of a Spring bean through the
 * {@link CheckpointEngine}, as a Spring AOP advisor ({@code checkpointing.mode=proxy}). The
 * annotation is found on the implementation method or, as Spring finds {@code @Cacheable} and
 * {@code @Transactional}, on a method of an interface it implements
 * ({@link CheckpointDeclarations}), so it works behind JDK interface proxies and CGLIB class
 * proxies alike, and on Spring Data repositories, whose query methods have no body: a call on a
 * repository is checkpointed as its interface's method ({@code OwnerRepository#findByLastName}).
 *
 * <p>Its order among the advisors of a bean is {@code checkpointing.order}
 * ({@link #DEFAULT_ORDER} unless set): before {@code @Transactional}'s and {@code @Cacheable}'s at
 * their default order, so that a hit opens no transaction.
 *
 * <p>An advisor rather than an {@code @Aspect} class on purpose: {@code ajc}, given this jar as an
 * aspect library for compile-time weaving, weaves every {@code @Aspect} it finds, and this one
 * must stay out of woven code (the woven aspect is
 * {@link io.checkpointing.spring.weaving.WovenCheckpointAspect}).
 */
public class CheckpointAspect extends StaticMethodMatcherPointcutAdvisor implements MethodInterceptor {

	// Spring's advisors are Serializable; this one's state is transient and rebuilt on first use.
	private static final long serialVersionUID = 1L;

	/**
	 * The default order: ahead of the advisors Spring orders {@code Ordered.LOWEST_PRECEDENCE} by
	 * default ({@code @Transactional}, {@code @Cacheable}), with room for others in between.
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

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
		setOrder(DEFAULT_ORDER);
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return CheckpointDeclarations.declarationOf(implementationOf(method, targetClass), targetClass) != null;
	}

	/**
	 * @param invocation the call of a checkpointed method
	 * @return the method's result, computed now or earlier
	 * @throws Throwable whatever the method throws
	 */
	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Method invoked = invocation.getMethod();
		if (target == null) {
			return engine().call(new MethodCall(invoked, null, invocation.getArguments(), invocation::proceed));
		}
		Class<?> targetClass = AopUtils.getTargetClass(target);
		Method implementation = implementationOf(invoked, targetClass);
		if (Proxy.isProxyClass(target.getClass()) && (ProxiedInterfaces.isRepository(target.getClass())
				|| Proxy.isProxyClass(targetClass) || Modifier.isAbstract(implementation.getModifiers()))) {
			// A repository (whose implementing class is Spring Data's, shared by all of them) or a proxy
			// with no class behind it: the method is the interface's, called on the proxy's interface.
			return engine().call(new MethodCall(invoked, target, invocation.getArguments(), invocation::proceed,
					ProxiedInterfaces.calledInterface(target.getClass(), invoked.getDeclaringClass())));
		}
		return engine().call(new MethodCall(implementation, target, invocation.getArguments(), invocation::proceed,
				ClassUtils.getUserClass(targetClass)));
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
