package io.checkpointing.services;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.util.Arrays;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test (as a constructor or method parameter) a {@link LocalRedisCluster} or a
 * {@link LocalRedisSentinel}, started at the first request and shared by every test of the JVM;
 * JUnit stops them when the run ends. Without the Redis programs the tests that ask for one are
 * skipped, or fail under {@code CHECKPOINTING_REQUIRE_SERVICES=true}; the other tests of the class
 * run.
 */
public final class LocalRedisExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalRedisExtension.class);

	/** Constructor parameters are resolved before any test: checked for the whole class. */
	@Override
	public void beforeAll(ExtensionContext context) {
		for (Constructor<?> constructor : context.getRequiredTestClass().getDeclaredConstructors()) {
			requireBinariesIfAsked(constructor, context);
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		requireBinariesIfAsked(context.getRequiredTestMethod(), context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return isLocalRedis(parameter.getParameter().getType());
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

	private static void requireBinariesIfAsked(Executable executable, ExtensionContext context) {
		if (Arrays.stream(executable.getParameterTypes()).anyMatch(LocalRedisExtension::isLocalRedis)) {
			RedisProcesses.requireBinaries(context.getDisplayName());
		}
	}

	private static boolean isLocalRedis(Class<?> type) {
		return type == LocalRedisCluster.class || type == LocalRedisSentinel.class;
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
