package io.checkpointing.spring.autoconfigure;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.actuate.CheckpointingHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Defines the {@code checkpointing} health indicator when Spring Boot's health support is present;
 * {@code management.health.checkpointing.enabled=false} turns it off.
 */
@AutoConfiguration(after = CheckpointingAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(CheckpointEngine.class)
@ConditionalOnEnabledHealthIndicator("checkpointing")
public final class CheckpointingHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "checkpointingHealthIndicator")
	CheckpointingHealthIndicator checkpointingHealthIndicator(CheckpointEngine engine) {
		return new CheckpointingHealthIndicator(engine.administration().backend());
	}

}
