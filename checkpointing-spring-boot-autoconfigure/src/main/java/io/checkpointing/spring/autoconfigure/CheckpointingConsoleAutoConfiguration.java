package io.checkpointing.spring.autoconfigure;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.console.CheckpointsConsoleEndpoint;
import io.checkpointing.spring.console.ConsoleSettings;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The checkpoints console, when {@code checkpointing.console.enabled=true} and Actuator is
 * present: the auto-configured engine records recent calls, and the {@code checkpointsconsole}
 * web endpoint serves the page ({@link ConsoleEndpointExposure} exposes it over the web). An
 * application's own {@code CheckpointEngine} bean records recent calls only if it was built with
 * {@code recentCalls(n)}.
 */
@AutoConfiguration(after = CheckpointingAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(ConsoleEndpointExposure.ENABLED)
@EnableConfigurationProperties(CheckpointingConsoleProperties.class)
public final class CheckpointingConsoleAutoConfiguration {

	@Bean
	CheckpointEngineBuilderCustomizer checkpointingConsoleRecentCalls(CheckpointingConsoleProperties console) {
		int recentCalls = CheckpointingPropertiesValidator.consoleRecentCalls(console.getRecentCalls());
		return (builder) -> builder.recentCalls(recentCalls);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CheckpointEngine.class)
	@ConditionalOnAvailableEndpoint(CheckpointsConsoleEndpoint.class)
	CheckpointsConsoleEndpoint checkpointsConsoleEndpoint(CheckpointEngine engine, CheckpointingConsoleProperties console) {
		return new CheckpointsConsoleEndpoint(engine.administration(), new ConsoleSettings(
				CheckpointingPropertiesValidator.consoleRefresh(console.getRefresh()), console.isEvictionEnabled()));
	}

}
