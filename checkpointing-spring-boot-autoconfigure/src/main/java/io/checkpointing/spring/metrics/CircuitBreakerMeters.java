package io.checkpointing.spring.metrics;

import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CircuitBreakingBackend;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the {@link CheckpointingMeters#BREAKER_OPEN} gauge of a store that has a circuit
 * breaker; binds nothing for a store without one.
 */
public class CircuitBreakerMeters implements MeterBinder {

	private final CacheBackend backend;

	/**
	 * @param backend the engine's store, a {@link CircuitBreakingBackend} or not
	 */
	public CircuitBreakerMeters(CacheBackend backend) {
		this.backend = backend;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.backend instanceof CircuitBreakingBackend breaker) {
			Gauge.builder(CheckpointingMeters.BREAKER_OPEN, breaker,
					(gauged) -> (gauged.state() == CircuitBreakingBackend.State.CLOSED) ? 0 : 1)
				.tag(CheckpointingMeters.STORE_TAG, breaker.location())
				.description("1 while the checkpoint store is skipped after connection failures, else 0")
				.register(registry);
		}
	}

}
