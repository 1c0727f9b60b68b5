package io.checkpointing.spring;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import io.checkpointing.CheckpointEvict;
import io.checkpointing.Checkpoints;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Acts on {@link CheckpointEvict @CheckpointEvict} once the annotated method returned normally:
 * at once, or when the Spring transaction it ran in commits (never if it rolls back), so that no
 * call stores a result of the former data under the new version.
 */
public class CheckpointEvictAdvisor extends StaticMethodMatcherPointcutAdvisor implements MethodInterceptor {

	// Spring's advisors are Serializable; this one's state is transient.
	private static final long serialVersionUID = 1L;

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEvictAdvisor.class);

	private static final boolean TRANSACTIONS = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			CheckpointEvictAdvisor.class.getClassLoader());

	private final transient Supplier<Checkpoints> checkpoints;

	/**
	 * @param checkpoints supplies the engine on the first annotated call, as {@link CheckpointAspect}'s
	 */
	// The advisor is its own advice: setAdvice only keeps the reference, read after construction.
	@SuppressWarnings("this-escape")
	public CheckpointEvictAdvisor(Supplier<Checkpoints> checkpoints) {
		this.checkpoints = checkpoints;
		setAdvice(this);
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return annotationOf(method, targetClass) != null;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object result = invocation.proceed();
		Object target = invocation.getThis();
		CheckpointEvict evict = annotationOf(invocation.getMethod(),
				(target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass());
		if (evict != null) {
			if (TRANSACTIONS && Transactions.deferToCommit(() -> apply(evict))) {
				return result;
			}
			apply(evict);
		}
		return result;
	}

	/**
	 * Moves the data versions and evicts the methods the annotation names. The annotated method
	 * has returned (and its transaction committed) by now, so a store that fails here is logged
	 * rather than thrown: the caller's work is done, and an exception would report it as failed.
	 */
	private void apply(CheckpointEvict evict) {
		Checkpoints checkpoints = this.checkpoints.get();
		for (Class<?> type : evict.dataChanged()) {
			try {
				checkpoints.dataChanged(type);
			}
			catch (RuntimeException ex) {
				logger.warn("@CheckpointEvict could not move the data version of {}: results that read it may be"
						+ " stale until it moves (Checkpoints.dataChanged, or POST /actuator/checkpoints"
						+ " {\"dataChanged\": \"{}\"})", type.getName(), type.getName(), ex);
			}
		}
		for (String method : evict.methods()) {
			try {
				checkpoints.evictAll(method);
			}
			catch (RuntimeException ex) {
				logger.warn("@CheckpointEvict could not evict the entries of {}: evict them by hand"
						+ " (Checkpoints.evictAll or DELETE /actuator/checkpoints/{})", method, method, ex);
			}
		}
	}

	private static @Nullable CheckpointEvict annotationOf(Method method, Class<?> targetClass) {
		Method implementation = AopUtils.getMostSpecificMethod(method, targetClass);
		return AnnotatedElementUtils.findMergedAnnotation(implementation, CheckpointEvict.class);
	}

	/** Apart, so that the advisor loads without spring-tx. */
	private static final class Transactions {

		private Transactions() {
		}

		static boolean deferToCommit(Runnable action) {
			if (!TransactionSynchronizationManager.isSynchronizationActive()) {
				return false;
			}
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
			return true;
		}

	}

}
