package io.checkpointing.services;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test (as a constructor or method parameter) a {@link LocalRedisCluster} or a
 * {@link LocalRedisSentinel}, started at the first request and shared by every test of the JVM;
 * JUnit stops them when the run ends. Without the Redis programs the tests are skipped, or fail
 * under {@code CHECKPOINTING_REQUIRE_SERVICES=true}.
 */
public final class LocalRedisExtension implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalRedisExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		RedisProcesses.requireBinaries(context.getDisplayName());
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return type == LocalRedisCluster.class || type == LocalRedisSentinel.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
		if (parameter.getParameter().getType() == LocalRedisCluster.class) {
			return store.computeIfAbsent(LocalRedisCluster.class, (type) -> started(LocalRedisCluster::start),
					LocalRedisCluster.class);
		}
		return store.computeIfAbsent(LocalRedisSentinel.class, (type) -> started(LocalRedisSentinel::start),
				LocalRedisSentinel.class);
	}

	private static <T> T started(Starter<T> starter) {
		try {
			return starter.start();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the test's Redis: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface Starter<T> {

		T start() throws Exception;

	}

}
