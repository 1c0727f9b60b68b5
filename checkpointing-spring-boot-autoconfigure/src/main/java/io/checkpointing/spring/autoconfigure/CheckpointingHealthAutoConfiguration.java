package io.checkpointing.spring.autoconfigure;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.actuate.CheckpointingHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Defines the {@code checkpointing} health indicator when Spring Boot's health support is present;
 * {@code management.health.checkpointing.enabled=false} turns it off. A failing store is
 * {@code DOWN} under {@code checkpointing.on-error=raise}, {@code DEGRADED} otherwise.
 */
@AutoConfiguration(after = CheckpointingAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(CheckpointEngine.class)
@ConditionalOnEnabledHealthIndicator("checkpointing")
@EnableConfigurationProperties(CheckpointingHealthProperties.class)
public final class CheckpointingHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "checkpointingHealthIndicator")
	CheckpointingHealthIndicator checkpointingHealthIndicator(CheckpointEngine engine,
			ObjectProvider<CheckpointingProperties> properties, CheckpointingHealthProperties health) {
		CheckpointingProperties checkpointing = properties.getIfAvailable(CheckpointingProperties::new);
		return new CheckpointingHealthIndicator(engine.administration().backend(),
				checkpointing.getOnError() == ErrorPolicy.RAISE, health.getCacheTimeToLive());
	}

}
