package io.checkpointing.engine;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;

/**
 * Marks the calls made inside {@link io.checkpointing.Checkpoints#explain},
 * {@link io.checkpointing.Checkpoints#contains} and {@link io.checkpointing.Checkpoints#evict}:
 * they are identified and inspected, never run.
 */
final class InspectionScope {

	// One per engine on purpose: engines in one JVM must not see each other's inspections.
	@SuppressWarnings("ThreadLocalUsage")
	private final ThreadLocal<Inspection<?>> active = new ThreadLocal<>();

	boolean isActive() {
		return this.active.get() != null;
	}

	/**
	 * Inspects a call instead of running it.
	 * @return what the call returns: nothing, or zero for a primitive, which a proxy could not
	 * return as {@code null}
	 */
	@Nullable Object inspect(CheckpointedMethod method, CallIdentity identity) {
		this.active.get().inspect(method, identity);
		Class<?> type = method.method().getReturnType();
		if (!type.isPrimitive() || type == void.class) {
			return null;
		}
		return Array.get(Array.newInstance(type, 1), 0);
	}

	/**
	 * Runs {@code calls}, inspecting each checkpointed call in it.
	 * @return one result per checkpointed call
	 * @throws CheckpointException if {@code calls} made no checkpointed call
	 */
	<R> List<R> inspecting(String operation, Runnable calls, BiFunction<CheckpointedMethod, CallIdentity, R> inspector) {
		Inspection<?> previous = this.active.get();
		Inspection<R> inspection = new Inspection<>(inspector);
		this.active.set(inspection);
		try {
			calls.run();
		}
		finally {
			this.active.set(previous);
		}
		if (inspection.results.isEmpty()) {
			throw new CheckpointException(operation + "(...) saw no checkpointed call: call a @Checkpoint method of a Spring"
					+ " bean (through its proxy) inside the lambda");
		}
		return inspection.results;
	}

	private static final class Inspection<R> {

		private final BiFunction<CheckpointedMethod, CallIdentity, R> inspector;

		private final List<R> results = new ArrayList<>();

		Inspection(BiFunction<CheckpointedMethod, CallIdentity, R> inspector) {
			this.inspector = inspector;
		}

		void inspect(CheckpointedMethod method, CallIdentity identity) {
			this.results.add(this.inspector.apply(method, identity));
		}

	}

}
