package io.checkpointing.spring.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.checkpointing.engine.CheckpointListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import static io.checkpointing.spring.metrics.CheckpointingMeters.CALLS;
import static io.checkpointing.spring.metrics.CheckpointingMeters.COMPUTE;
import static io.checkpointing.spring.metrics.CheckpointingMeters.ENTRY_SIZE;
import static io.checkpointing.spring.metrics.CheckpointingMeters.ERROR;
import static io.checkpointing.spring.metrics.CheckpointingMeters.HIT;
import static io.checkpointing.spring.metrics.CheckpointingMeters.LOAD;
import static io.checkpointing.spring.metrics.CheckpointingMeters.METHOD_TAG;
import static io.checkpointing.spring.metrics.CheckpointingMeters.MISS;
import static io.checkpointing.spring.metrics.CheckpointingMeters.RERUN;
import static io.checkpointing.spring.metrics.CheckpointingMeters.RESULT_TAG;
import static io.checkpointing.spring.metrics.CheckpointingMeters.STORE;
import static io.checkpointing.spring.metrics.CheckpointingMeters.TIME_SAVED;

/**
 * Records what the engine does in a Micrometer {@link MeterRegistry}: the meters of
 * {@link CheckpointingMeters}, tagged with the method's display name. The meters of a method are
 * registered on its first event and kept, so later events cost a map lookup, not a registry
 * lookup.
 */
public class MicrometerCheckpointListener implements CheckpointListener {

	private final MeterRegistry registry;

	private final ConcurrentMap<String, MethodMeters> methods = new ConcurrentHashMap<>();

	/**
	 * @param registry where the meters are registered
	 */
	public MicrometerCheckpointListener(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void hit(String method, long loadNanos, long savedNanos) {
		MethodMeters meters = metersOf(method);
		meters.hits.increment();
		meters.load.record(loadNanos, TimeUnit.NANOSECONDS);
		meters.timeSaved.increment(savedNanos / 1e9);
	}

	@Override
	public void miss(String method) {
		metersOf(method).misses.increment();
	}

	@Override
	public void rerun(String method) {
		metersOf(method).reruns.increment();
	}

	@Override
	public void error(String method, Exception failure) {
		metersOf(method).errors.increment();
	}

	@Override
	public void computed(String method, long nanos) {
		metersOf(method).compute.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void stored(String method, long nanos) {
		metersOf(method).store.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void written(String method, long bytes) {
		metersOf(method).entrySize.record((double) bytes);
	}

	private MethodMeters metersOf(String method) {
		MethodMeters meters = this.methods.get(method);
		return (meters != null) ? meters
				: this.methods.computeIfAbsent(method, (name) -> new MethodMeters(this.registry, name));
	}

	/** The meters of one method. */
	private static final class MethodMeters {

		private final Counter hits;

		private final Counter misses;

		private final Counter reruns;

		private final Counter errors;

		private final Timer compute;

		private final Timer load;

		private final Timer store;

		private final Counter timeSaved;

		private final DistributionSummary entrySize;

		MethodMeters(MeterRegistry registry, String method) {
			this.hits = calls(registry, method, HIT);
			this.misses = calls(registry, method, MISS);
			this.reruns = calls(registry, method, RERUN);
			this.errors = calls(registry, method, ERROR);
			this.compute = Timer.builder(COMPUTE)
				.description("Time checkpointed methods ran (misses and reruns)")
				.tag(METHOD_TAG, method)
				.register(registry);
			this.load = Timer.builder(LOAD)
				.description("Time reading and decoding stored results took, on hits")
				.tag(METHOD_TAG, method)
				.register(registry);
			this.store = Timer.builder(STORE)
				.description("Time encoding and writing computed results took")
				.tag(METHOD_TAG, method)
				.register(registry);
			this.timeSaved = Counter.builder(TIME_SAVED)
				.description("Compute time saved by hits: how long the method ran when each returned result was computed")
				.baseUnit("seconds")
				.tag(METHOD_TAG, method)
				.register(registry);
			this.entrySize = DistributionSummary.builder(ENTRY_SIZE)
				.description("Size of the entries written: header, payload and signature")
				.baseUnit("bytes")
				.tag(METHOD_TAG, method)
				.register(registry);
		}

		private static Counter calls(MeterRegistry registry, String method, String result) {
			return Counter.builder(CALLS)
				.description("Calls of checkpointed methods, by what happened to them")
				.tag(METHOD_TAG, method)
				.tag(RESULT_TAG, result)
				.register(registry);
		}

	}

}
