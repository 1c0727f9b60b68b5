package io.checkpointing.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code checkpointing.console.enabled=true} the one property that turns the console on:
 * it adds {@code checkpointsconsole} to {@code management.endpoints.web.exposure.include}, keeping
 * what the application lists there ({@code health} if nothing). An exclusion in
 * {@code management.endpoints.web.exposure.exclude} still wins, and nothing changes while the
 * console is off.
 */
public final class ConsoleEndpointExposure implements EnvironmentPostProcessor {

	static final String ENABLED = "checkpointing.console.enabled";

	static final String INCLUDE = "management.endpoints.web.exposure.include";

	static final String ENDPOINT_ID = "checkpointsconsole";

	/** The name of the property source that carries the extended list. */
	static final String PROPERTY_SOURCE = "checkpointingConsoleExposure";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!binder.bind(ENABLED, Boolean.class).orElse(false)) {
			return;
		}
		List<String> include = new ArrayList<>(binder.bind(INCLUDE, Bindable.listOf(String.class)).orElse(List.of("health")));
		if (include.contains("*") || include.contains(ENDPOINT_ID)) {
			return;
		}
		include.add(ENDPOINT_ID);
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(INCLUDE, String.join(",", include))));
	}

}
