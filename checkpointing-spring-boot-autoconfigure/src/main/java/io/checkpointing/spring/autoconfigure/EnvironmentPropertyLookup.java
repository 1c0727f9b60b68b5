package io.checkpointing.spring.autoconfigure;

import java.util.Map;
import java.util.TreeMap;

import io.checkpointing.key.PropertyLookup;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/** The application's {@link Environment}, where checkpointed code's {@code getProperty("name")} reads. */
final class EnvironmentPropertyLookup implements PropertyLookup {

	private final Environment environment;

	EnvironmentPropertyLookup(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable String property(String name) {
		return this.environment.getProperty(name);
	}

	@Override
	public Map<String, String> allProperties() {
		Map<String, String> all = new TreeMap<>();
		if (this.environment instanceof ConfigurableEnvironment configurable) {
			for (PropertySource<?> source : configurable.getPropertySources()) {
				if (source instanceof EnumerablePropertySource<?> enumerable) {
					for (String name : enumerable.getPropertyNames()) {
						String value = property(name);
						if (value != null) {
							all.putIfAbsent(name, value);
						}
					}
				}
			}
		}
		return all;
	}

}
