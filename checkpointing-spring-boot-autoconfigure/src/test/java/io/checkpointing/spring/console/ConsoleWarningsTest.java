package io.checkpointing.spring.console;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.key.CallKey;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import io.checkpointing.spring.autoconfigure.CheckpointingConsoleAutoConfiguration;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CircuitBreakingBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warnings the console shows: a method whose code reads what its key cannot see, a damaged
 * entry, and a store skipped by its circuit breaker. Read from the endpoint's JSON operation in an
 * application without a web server, which is all a warning needs.
 */
class ConsoleWarningsTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class,
					CheckpointingConsoleAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory, "checkpointing.console.enabled=true",
					"management.endpoints.web.exposure.include=checkpointsconsole")
			.withBean(Hazards.class);
	}

	@Test
	void aMethodThatReadsTheClockIsAWarningThatNamesTheCall() {
		runner().run((context) -> {
			context.getBean(Hazards.class).stamped(1);
			assertThat(warnings(context)).singleElement()
				.asString()
				.startsWith("Hazards#stamped: ")
				.contains("calls what its key cannot see", "java.lang.System#nanoTime");
		});
	}

	@Test
	void aDamagedEntryIsAWarningWithItsMethodAndTime() throws Exception {
		runner().run((context) -> {
			Hazards hazards = context.getBean(Hazards.class);
			hazards.stored(1);
			try (Stream<Path> files = Files.walk(this.directory)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					Files.writeString(file, "not an entry");
				}
			}
			assertThat(warnings(context)).isEmpty();
			hazards.stored(1);
			assertThat(warnings(context)).singleElement()
				.asString()
				.matches("Hazards#stored: checkpointing failed at \\d{4}-.*: .+");
		});
	}

	@Test
	void aStoreSkippedByItsCircuitBreakerIsAWarning() {
		runner().withUserConfiguration(UnreachableStore.class).run((context) -> {
			context.getBean(Hazards.class).stored(1);
			assertThat(context.getBean(CircuitBreakingBackend.class).state()).isEqualTo(CircuitBreakingBackend.State.OPEN);
			assertThat(warnings(context)).first()
				.asString()
				.startsWith("The store unreachable://store is skipped after connection failures since ")
				.contains("(circuit breaker open)");
			assertThat(warnings(context)).anySatisfy(
					(warning) -> assertThat(warning).startsWith("The store cannot be listed"));
		});
	}

	private static List<String> warnings(ApplicationContext context) {
		Object body = context.getBean(CheckpointsConsoleEndpoint.class).console("json").getBody();
		return ((ConsoleSnapshot) body).warnings();
	}

	/** Checkpointed methods that a console warns about. */
	public static class Hazards {

		@Checkpoint
		public long stamped(int value) {
			return value + System.nanoTime();
		}

		@Checkpoint
		public int stored(int value) {
			return value;
		}

	}

	/** The application's own store: one that never connects, behind a breaker that opens at once. */
	@Configuration(proxyBeanMethods = false)
	static class UnreachableStore {

		@Bean
		CircuitBreakingBackend unreachable() {
			return new CircuitBreakingBackend(new Unreachable(), 1, Duration.ofMinutes(10), Duration.ofMinutes(10));
		}

	}

	private static final class Unreachable implements CacheBackend {

		@Override
		public Optional<ByteBuffer> read(CallKey key) throws IOException {
			throw refused();
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) throws IOException {
			throw refused();
		}

		@Override
		public boolean delete(CallKey key) throws IOException {
			throw refused();
		}

		@Override
		public Stream<StoredEntry> list() throws IOException {
			throw refused();
		}

		@Override
		public void clear() throws IOException {
			throw refused();
		}

		@Override
		public String location() {
			return "unreachable://store";
		}

		private static ConnectException refused() {
			return new ConnectException("Connection refused");
		}

	}

}
