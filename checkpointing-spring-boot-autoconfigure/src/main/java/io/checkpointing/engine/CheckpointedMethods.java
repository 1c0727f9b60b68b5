package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.checkpointing.OnError;
import org.jspecify.annotations.Nullable;

/**
 * The checkpointed methods an engine knows, each with its settings resolved once from its
 * annotation and the engine's defaults. A method is known per class it is checkpointed as: one
 * annotation on an interface stands for each class that implements it (a repository's method is
 * one per repository interface).
 */
final class CheckpointedMethods {

	private final OnError defaultOnError;

	private final String defaultSerializer;

	private final @Nullable Duration defaultTimeToLive;

	private final @Nullable Duration defaultRefreshAfter;

	private final CheckpointExpressions expressions;

	private final ConcurrentMap<MethodOfType, CheckpointedMethod> methods = new ConcurrentHashMap<>();

	CheckpointedMethods(CheckpointEngineBuilder builder) {
		this.defaultOnError = builder.onError;
		this.defaultSerializer = builder.defaultSerializer;
		this.defaultTimeToLive = builder.timeToLive;
		this.defaultRefreshAfter = builder.refreshAfter;
		this.expressions = builder.expressions;
	}

	CheckpointedMethod of(Method method, Class<?> calledType) {
		return this.methods.computeIfAbsent(new MethodOfType(method, calledType),
				(key) -> CheckpointedMethod.of(key.method(), key.type(), this.defaultOnError, this.defaultSerializer,
						this.defaultTimeToLive, this.defaultRefreshAfter, this.expressions));
	}

	Collection<CheckpointedMethod> known() {
		return this.methods.values();
	}

	/**
	 * @return the message of each known method whose {@code @Checkpoint} has a value that cannot
	 * be used (a {@code ttl} that is not a duration, a {@code refreshAfter} not shorter than the
	 * ttl...), which its calls report under its error policy
	 */
	List<String> misconfigurations() {
		return this.methods.values().stream().map(CheckpointedMethod::misconfiguration).filter(Objects::nonNull).toList();
	}

	private record MethodOfType(Method method, Class<?> type) {

	}

}
