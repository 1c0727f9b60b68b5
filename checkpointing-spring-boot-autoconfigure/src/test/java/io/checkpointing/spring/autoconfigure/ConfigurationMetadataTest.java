package io.checkpointing.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata IDEs show for {@code checkpointing.*}: every property described, and the defaults
 * it states are the ones the properties have (some are the engine's constants, which the
 * configuration processor cannot read, so the additional metadata states them).
 */
class ConfigurationMetadataTest {

	private final Map<String, JsonNode> properties = properties();

	@Test
	void everyPropertyIsDescribed() {
		assertThat(this.properties).isNotEmpty()
			.allSatisfy((name, property) -> assertThat(property.path("description").asString()).as(name).isNotBlank());
	}

	@Test
	void theStatedDefaultsAreThePropertiesDefaults() {
		CheckpointingProperties defaults = new CheckpointingProperties();
		assertThat(defaultOf("checkpointing.directory")).isEqualTo(defaults.getDirectory().toString());
		assertThat(DurationStyle.detectAndParse(defaultOf("checkpointing.lock.timeout")))
			.isEqualTo(defaults.getLock().getTimeout())
			.isEqualTo(Duration.ofMinutes(10));
		assertThat(defaultOf("checkpointing.serializer")).isEqualTo(defaults.getSerializer());
		assertThat(defaultOf("checkpointing.on-error")).isEqualTo("warn");
		assertThat(defaultOf("checkpointing.metrics.enabled")).isEqualTo("true");
		assertThat(Integer.parseInt(defaultOf("checkpointing.order"))).isEqualTo(new CheckpointingOrderProperties().getOrder())
			.isEqualTo(io.checkpointing.spring.CheckpointAspect.DEFAULT_ORDER);
	}

	private String defaultOf(String name) {
		assertThat(this.properties).containsKey(name);
		return this.properties.get(name).path("defaultValue").asString();
	}

	private static Map<String, JsonNode> properties() {
		try (InputStream in = ConfigurationMetadataTest.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("the generated metadata").isNotNull();
			Map<String, JsonNode> properties = new LinkedHashMap<>();
			for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
				String name = property.path("name").asString();
				if (name.startsWith("checkpointing.")) {
					properties.put(name, property);
				}
			}
			return properties;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
