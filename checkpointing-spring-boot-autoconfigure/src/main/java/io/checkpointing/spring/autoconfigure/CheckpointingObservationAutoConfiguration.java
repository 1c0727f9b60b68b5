package io.checkpointing.spring.autoconfigure;

import io.checkpointing.engine.CallObserver;
import io.checkpointing.spring.observation.ObservationCallObserver;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes every checkpointed call through the application's {@link ObservationRegistry}, so
 * that Spring Boot's tracing shows a span per call with its stages. The engine picks the
 * {@link CallObserver} bean up when it is created. Turned off, like any observation, with
 * {@code management.observations.enable.checkpointing=false}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public final class CheckpointingObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CallObserver checkpointingCallObserver(ObservationRegistry registry) {
		return new ObservationCallObserver(registry);
	}

}
