package io.checkpointing.spring.autoconfigure;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.metrics.CheckpointingMeters;
import io.checkpointing.spring.metrics.CircuitBreakerMeters;
import io.checkpointing.spring.metrics.MicrometerCheckpointListener;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records the {@link CheckpointingMeters meters of checkpointing} in the application's
 * {@link MeterRegistry}. Without a registry, or with {@code checkpointing.metrics.enabled=false},
 * nothing is defined and checkpointing records nothing.
 */
@AutoConfiguration(after = CheckpointingAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "checkpointing.metrics.enabled", matchIfMissing = true)
public final class CheckpointingMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MicrometerCheckpointListener micrometerCheckpointListener(MeterRegistry registry) {
		return new MicrometerCheckpointListener(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CheckpointEngine.class)
	CircuitBreakerMeters checkpointingCircuitBreakerMeters(CheckpointEngine engine) {
		return new CircuitBreakerMeters(engine.administration().backend());
	}

}
