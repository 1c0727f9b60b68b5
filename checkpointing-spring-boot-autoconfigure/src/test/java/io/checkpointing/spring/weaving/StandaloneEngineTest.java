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
		assertThat(engine.administration().backend()).isInstanceOfSatisfying(FilesystemBackend.class,
				(backend) -> assertThat(backend.directory()).isEqualTo(this.directory.toAbsolutePath()));
		assertThat(engine.administration().defaultSerializer()).isEqualTo("json");
	}

	@Test
	void readsTheBackendAndSerializer() {
		CheckpointEngine engine = StandaloneEngine.fromProperties(
				properties("checkpointing.backend", "memory", "checkpointing.serializer", "smile"));
		assertThat(engine.administration().backend()).isInstanceOf(MemoryBackend.class);
		assertThat(engine.administration().defaultSerializer()).isEqualTo("smile");
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

	@Test
	void readsTheFilesystemSizeLimitAsTheApplicationContextDoes() {
		CheckpointEngine engine = StandaloneEngine.fromProperties(properties("checkpointing.directory",
				this.directory.toString(), "checkpointing.filesystem.max-size", "10MB"));
		assertThat(engine.administration().backend()).isInstanceOfSatisfying(FilesystemBackend.class,
				(backend) -> assertThat(backend.maxSize()).isEqualTo(10L * 1024 * 1024));
	}

	@Test
	void valuesThatBindingAcceptsAreCheckedAsInTheApplicationContext() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StandaloneEngine.fromProperties(properties("checkpointing.ttl", "0s")))
			.withMessageStartingWith("System property checkpointing.ttl is '0s'; use a positive duration");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StandaloneEngine.fromProperties(properties("checkpointing.memory.max-entries", "0")))
			.withMessageStartingWith("System property checkpointing.memory.max-entries is '0'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StandaloneEngine.fromProperties(properties("checkpointing.signing.key", "too-short")))
			.withMessageStartingWith("System property checkpointing.signing.key is '(9 bytes, hidden)'")
			.withMessageNotContaining("too-short");
	}

	@Test
	void sharedBackendsNeedAnApplicationContext() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StandaloneEngine.fromProperties(properties("checkpointing.backend", "redis")))
			.withMessage("System property checkpointing.backend is 'redis'; use one of [filesystem, memory]: redis needs"
					+ " an application context");
	}

	private static Properties properties(String... namesAndValues) {
		Properties properties = new Properties();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
		}
		return properties;
	}

}
