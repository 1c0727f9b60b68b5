package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code checkpointing.refresh-after}, refreshed on Spring Boot's task executor. */
class RefreshAfterAutoConfigurationTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
					CheckpointingAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory)
			.withUserConfiguration(QuotesConfiguration.class);
	}

	@Test
	void aStaleEntryIsReturnedAndRefreshedOnTheApplicationTaskExecutor() {
		// Each later call starts another refresh (1ms): the executor lets the last one end before the
		// context is closed, so that it does not write into a directory the test is deleting.
		runner().withPropertyValues("checkpointing.refresh-after=1ms", "spring.task.execution.thread-name-prefix=boot-task-",
				"spring.task.execution.shutdown.await-termination=true",
				"spring.task.execution.shutdown.await-termination-period=30s")
			.run((context) -> {
				Quotes quotes = context.getBean(Quotes.class);
				AtomicInteger price = new AtomicInteger(100);
				assertThat(quotes.quote("tea", price::get)).isEqualTo(100);
				price.set(120);
				Thread.sleep(5);
				assertThat(quotes.quote("tea", price::get)).as("stale, at once").isEqualTo(100);
				for (int attempt = 0; attempt < 500 && quotes.threads().size() < 2; attempt++) {
					Thread.sleep(10);
				}
				assertThat(quotes.threads()).hasSize(2);
				assertThat(quotes.threads().get(1)).startsWith("boot-task-");
				int refreshed = 0;
				for (int attempt = 0; attempt < 500 && refreshed != 120; attempt++) {
					Thread.sleep(10);
					refreshed = quotes.quote("tea", () -> 0);
				}
				assertThat(refreshed).as("the refreshed entry is what later calls get").isEqualTo(120);
			});
	}

	@Test
	void aRefreshAfterNotShorterThanTheTtlFailsTheStartupNamingTheProperty() {
		runner().withPropertyValues("checkpointing.refresh-after=2h", "checkpointing.ttl=1h").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("checkpointing.refresh-after")
				.hasMessageContaining("shorter than checkpointing.ttl (PT1H)");
		});
	}

	@Test
	void aMethodWhoseRefreshAfterIsNotShorterThanItsTtlFailsTheStartupNamingIt() {
		runner().withUserConfiguration(MisconfiguredConfiguration.class).withPropertyValues("checkpointing.ttl=1h")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasMessageContaining(
						"Cannot checkpoint Misconfigured#late: refreshAfter (PT2H) must be shorter than ttl (PT1H)")
					.hasMessageContaining("Cannot checkpoint Misconfigured#vague: @Checkpoint(refreshAfter = \"soon\")"
							+ " is not a positive duration");
			});
	}

	/** Prices from a feed the key cannot see (ignored), as a remote service would give them. */
	public static class Quotes {

		// A library object without equals, which the key counts by type: the log does not change the key.
		private final AtomicReference<List<String>> threads = new AtomicReference<>(List.of());

		public List<String> threads() {
			return this.threads.get();
		}

		@Checkpoint
		public int quote(String item, @Checkpoint.Ignore IntSupplier feed) {
			String thread = Thread.currentThread().getName();
			this.threads.updateAndGet((earlier) -> Stream.concat(earlier.stream(), Stream.of(thread)).toList());
			return feed.getAsInt();
		}

	}

	/** Its annotations have values that cannot be used, against the property ttl of one hour. */
	public static class Misconfigured {

		@Checkpoint(refreshAfter = "2h")
		public int late(int value) {
			return value;
		}

		@Checkpoint(refreshAfter = "soon")
		public int vague(int value) {
			return value;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MisconfiguredConfiguration {

		@Bean
		Misconfigured misconfigured() {
			return new Misconfigured();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QuotesConfiguration {

		@Bean
		Quotes quotes() {
			return new Quotes();
		}

	}

}
