package io.checkpointing.spring;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.MethodCall;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.BridgeMethodResolver;

/**
 * Routes every call of a {@link io.checkpointing.Checkpoint @Checkpoint} method of a Spring bean
 * through the {@link CheckpointEngine}. The annotation is found on the implementation method,
 * so it works behind JDK interface proxies and CGLIB class proxies alike.
 */
@Aspect
public class CheckpointAspect {

	private final CheckpointEngine engine;

	private final Map<ImplementationLookup, Method> implementations = new ConcurrentHashMap<>();

	/**
	 * @param engine the engine that runs checkpointed calls
	 */
	public CheckpointAspect(CheckpointEngine engine) {
		this.engine = engine;
	}

	/**
	 * @param joinPoint the call of a checkpointed method
	 * @return the method's result, computed now or earlier
	 * @throws Throwable whatever the method throws
	 */
	@Around("@annotation(io.checkpointing.Checkpoint) && execution(* *(..))")
	public @Nullable Object checkpoint(ProceedingJoinPoint joinPoint) throws Throwable {
		Object target = joinPoint.getTarget();
		Method method = implementationOf(((MethodSignature) joinPoint.getSignature()).getMethod(), target);
		return this.engine.call(new MethodCall(method, target, joinPoint.getArgs(), joinPoint::proceed));
	}

	private Method implementationOf(Method invoked, @Nullable Object target) {
		if (target == null) {
			return invoked;
		}
		return this.implementations.computeIfAbsent(new ImplementationLookup(invoked, target.getClass()),
				(lookup) -> BridgeMethodResolver.findBridgedMethod(
						AopUtils.getMostSpecificMethod(lookup.invoked(), AopUtils.getTargetClass(target))));
	}

	private record ImplementationLookup(Method invoked, Class<?> targetClass) {

	}

}
