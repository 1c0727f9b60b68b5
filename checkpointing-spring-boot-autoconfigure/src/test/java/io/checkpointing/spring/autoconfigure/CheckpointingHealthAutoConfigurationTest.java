package io.checkpointing.spring.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import io.checkpointing.spring.actuate.CheckpointingHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointingHealthAutoConfigurationTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CheckpointingAutoConfiguration.class,
					CheckpointingHealthAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory.resolve("store"));
	}

	@Test
	void isUpWithTheFreeSpaceOfAWritableDirectory() {
		runner().run((context) -> {
			Health health = context.getBean("checkpointingHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("backend", "FilesystemBackend")
				.containsEntry("location", this.directory.resolve("store").toAbsolutePath().toString());
			assertThat((Long) health.getDetails().get("free")).isPositive();
			assertThat((Long) health.getDetails().get("total")).isPositive();
			assertThat(context.getBean(io.checkpointing.engine.CheckpointEngine.class).administration().entries()).isEmpty();
			assertThat(this.directory.resolve("store")).as("not created by the check").doesNotExist();
		});
	}

	@Test
	void isDegradedWhenTheDirectoryIsAFileAndCallsRunWithoutIt() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "not a directory");
		runner().withPropertyValues("checkpointing.directory=" + file).run((context) -> {
			Health health = context.getBean(CheckpointingHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(CheckpointingHealthIndicator.DEGRADED);
			assertThat(health.getDetails()).containsKey("failingSince");
		});
	}

	@Test
	void isDownWhenTheDirectoryIsAFileAndFailuresAreRaised() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "not a directory");
		runner().withPropertyValues("checkpointing.directory=" + file, "checkpointing.on-error=raise").run((context) -> {
			Health health = context.getBean(CheckpointingHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("location", file.toAbsolutePath().toString())
				.hasEntrySatisfying("error", (error) -> assertThat(error).asString().contains("is a file"))
				.doesNotContainKey("free");
		});
	}

	@Test
	void isUpForTheMemoryBackend() {
		runner().withPropertyValues("checkpointing.backend=memory").run((context) -> {
			Health health = context.getBean(CheckpointingHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("backend", "MemoryBackend").doesNotContainKey("free");
		});
	}

	@Test
	void canBeDisabled() {
		runner().withPropertyValues("management.health.checkpointing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CheckpointingHealthIndicator.class));
	}

	@Test
	void isAbsentWithoutBootsHealthSupport() {
		runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CheckpointingHealthIndicator.class));
	}

}
