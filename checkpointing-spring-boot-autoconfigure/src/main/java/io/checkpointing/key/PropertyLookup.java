package io.checkpointing.key;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The application's configuration properties, as the code reading them sees them: in a Spring
 * application, its {@code Environment}. A method that calls {@code getProperty("name")} on it with a
 * constant name is keyed by that property's current value, and by no other.
 */
public interface PropertyLookup {

	/** No configuration beyond system properties and environment variables (the standalone engine). */
	PropertyLookup NONE = new PropertyLookup() {

		@Override
		public @Nullable String property(String name) {
			return null;
		}

		@Override
		public Map<String, String> allProperties() {
			return Map.of();
		}

	};

	/**
	 * @param name a property name, such as {@code calc.rate}
	 * @return its current value, {@code null} if it has none
	 */
	@Nullable String property(String name);

	/**
	 * @return every property that can be listed, by name: what a read of a name that is not a
	 * constant is keyed by
	 */
	Map<String, String> allProperties();

}
