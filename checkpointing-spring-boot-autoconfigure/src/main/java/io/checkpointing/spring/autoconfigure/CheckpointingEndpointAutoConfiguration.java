package io.checkpointing.spring.autoconfigure;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.actuate.CheckpointsEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Defines the {@code checkpoints} Actuator endpoint when Actuator is present and the endpoint
 * is available (accessible and exposed, see {@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = CheckpointingAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
public final class CheckpointingEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CheckpointEngine.class)
	@ConditionalOnAvailableEndpoint(CheckpointsEndpoint.class)
	CheckpointsEndpoint checkpointsEndpoint(CheckpointEngine engine) {
		return new CheckpointsEndpoint(engine.administration());
	}

}
