package io.checkpointing.spring.weaving;

import java.nio.file.Path;
import java.util.Properties;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StandaloneEngineTest {

	@TempDir
	Path directory;

	@Test
	void defaultsToFilesAndJsonUnderTheGivenDirectory() {
		CheckpointEngine engine = StandaloneEngine.fromProperties(properties("checkpointing.directory", this.directory.toString()));
		assertThat(engine.backend()).isInstanceOfSatisfying(FilesystemBackend.class,
				(backend) -> assertThat(backend.directory()).isEqualTo(this.directory.toAbsolutePath()));
		assertThat(engine.defaultSerializer()).isEqualTo("json");
	}

	@Test
	void readsTheBackendAndSerializer() {
		CheckpointEngine engine = StandaloneEngine.fromProperties(
				properties("checkpointing.backend", "memory", "checkpointing.serializer", "smile"));
		assertThat(engine.backend()).isInstanceOf(MemoryBackend.class);
		assertThat(engine.defaultSerializer()).isEqualTo("smile");
	}

	@Test
	void anInvalidValueNamesTheSystemProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StandaloneEngine.fromProperties(properties("checkpointing.on-error", "loud")))
			.withMessage("System property checkpointing.on-error is 'loud'; use one of [warn, raise, ignore]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StandaloneEngine.fromProperties(properties("checkpointing.serializer", "xml")))
			.withMessageStartingWith("System property checkpointing.serializer is 'xml'; use one of [json");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StandaloneEngine.fromProperties(properties("checkpointing.code.scope", "all")))
			.withMessageContaining("checkpointing.code.scope");
	}

	private static Properties properties(String... namesAndValues) {
		Properties properties = new Properties();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
		}
		return properties;
	}

}
