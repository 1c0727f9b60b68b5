package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;

import io.checkpointing.store.CacheBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryTierAutoConfigurationTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory)
			.withBean(Work.class);
	}

	@Test
	void maxEntriesTurnsTheTierOn() {
		runner().withPropertyValues("checkpointing.memory.max-entries=100").run((context) -> {
			Work work = context.getBean(Work.class);
			work.square(4);
			context.getBean(CacheBackend.class).clear();
			assertThat(work.square(4)).isEqualTo(16);
			assertThat(work.runs()).isEqualTo(1);
		});
	}

	@Test
	void maxBytesTurnsTheTierOn() {
		runner().withPropertyValues("checkpointing.memory.max-bytes=1MB").run((context) -> {
			Work work = context.getBean(Work.class);
			work.square(4);
			context.getBean(CacheBackend.class).clear();
			work.square(4);
			assertThat(work.runs()).isEqualTo(1);
		});
	}

	@Test
	void theTierIsOffByDefault() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			work.square(4);
			context.getBean(CacheBackend.class).clear();
			work.square(4);
			assertThat(work.runs()).isEqualTo(2);
		});
	}

	@Test
	void bothBoundsFailStartupNamingTheProperty() {
		runner().withPropertyValues("checkpointing.memory.max-entries=10", "checkpointing.memory.max-bytes=1MB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.memory.max-bytes")
				.hasMessageContaining("not both"));
	}

	@Test
	void aBoundBelowOneFailsStartupNamingTheProperty() {
		runner().withPropertyValues("checkpointing.memory.max-entries=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.memory.max-entries"));
	}

}
