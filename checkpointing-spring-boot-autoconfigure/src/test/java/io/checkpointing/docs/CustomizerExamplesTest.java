package io.checkpointing.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.spring.autoconfigure.CheckpointEngineBuilderCustomizer;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import io.checkpointing.spring.autoconfigure.FilesystemBackendCustomizer;
import io.checkpointing.spring.autoconfigure.JdbcBackendCustomizer;
import io.checkpointing.spring.autoconfigure.RedisBackendCustomizer;
import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.spring.redis.RedisBackendBuilder;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.JdbcBackendBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the customizer example of {@code docs/configuration.md}: the nested configuration is the
 * code the page shows.
 */
class CustomizerExamplesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
		.withUserConfiguration(ReportCheckpoints.class, Sums.SumsConfiguration.class);

	@Test
	void theEngineCustomizerRaisesWhatThePropertiesWouldOnlyWarnAbout() {
		this.runner.run((context) -> assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> context.getBean(Sums.class).sum(Stream.of(1, 2))));
	}

	@Test
	void theFilesystemCustomizerMovesTheDirectory() {
		this.runner.run((context) -> assertThat(context.getBean(CacheBackend.class)).isInstanceOfSatisfying(
				FilesystemBackend.class, (backend) -> assertThat(backend.directory())
					.isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "reports").toAbsolutePath().normalize())));
	}

	@Test
	void theRedisCustomizerChangesThePrefix() {
		RedisBackendBuilder builder = new RedisBackendBuilder(new LettuceConnectionFactory(), "checkpointing:",
				java.time.Duration.ofSeconds(30));
		new ReportCheckpoints().prefixPerRelease().customize(builder);
		try (RedisBackend backend = builder.build()) {
			assertThat(backend.location()).isEqualTo("redis (keys reports:v2:*)");
		}
	}

	@Test
	void theJdbcCustomizerChangesTheTable() {
		JdbcBackendBuilder builder = new JdbcBackendBuilder(new SimpleDriverDataSource(), "checkpointing_entry");
		new ReportCheckpoints().tableOfTheirOwn().customize(builder);
		assertThat(builder.build().tableName()).isEqualTo("report_checkpoints");
	}

	@Test
	void thePageShowsTheCodeThatThisTestRuns() throws IOException {
		String page = Files.readString(Path.of("..", "docs", "configuration.md"));
		String source = Files.readString(Path.of("src", "test", "java", "io", "checkpointing", "docs",
				"CustomizerExamplesTest.java"));
		int start = source.indexOf("\t@Configuration", source.indexOf("// The example (docs/configuration.md"));
		String example = source.substring(start, source.indexOf("\n\t}\n", start) + 3);
		String shown = example.lines()
			.map((line) -> line.startsWith("\t") ? line.substring(1) : line)
			.map((line) -> line.replace("\t", "    "))
			.collect(Collectors.joining("\n"));
		assertThat(page).contains(shown);
	}

	// The example (docs/configuration.md#customizers)

	@Configuration(proxyBeanMethods = false)
	public static class ReportCheckpoints {

		@Bean
		CheckpointEngineBuilderCustomizer failOnCheckpointingErrors() {
			return (builder) -> builder.onError(OnError.RAISE);
		}

		@Bean
		FilesystemBackendCustomizer underTheTemporaryDirectory() {
			return (builder) -> builder.directory(Path.of(System.getProperty("java.io.tmpdir"), "reports"));
		}

		@Bean
		RedisBackendCustomizer prefixPerRelease() {
			return (builder) -> builder.keyPrefix("reports:v2:");
		}

		@Bean
		JdbcBackendCustomizer tableOfTheirOwn() {
			return (builder) -> builder.tableName("report_checkpoints");
		}

	}

	/** A checkpointed bean whose argument has no canonical form. */
	public static class Sums {

		@io.checkpointing.Checkpoint
		public int sum(Stream<Integer> numbers) {
			return numbers.mapToInt(Integer::intValue).sum();
		}

		@Configuration(proxyBeanMethods = false)
		static class SumsConfiguration {

			@Bean
			Sums sums() {
				return new Sums();
			}

		}

	}

}
