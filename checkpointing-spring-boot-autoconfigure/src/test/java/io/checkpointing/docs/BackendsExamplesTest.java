package io.checkpointing.docs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.checkpointing.docs.ExtendingExamplesTest.Reports;
import io.checkpointing.docs.ExtendingExamplesTest.ReportsConfiguration;
import io.checkpointing.key.CallKey;
import io.checkpointing.services.SharedServices;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.KeyLock;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles and runs the example of {@code docs/backends.md}, on a real Redis. The nested classes
 * {@link TieredBackend} and {@link TieredBackendConfiguration} are the code the page shows,
 * character for character: change both together.
 */
class BackendsExamplesTest {

	@TempDir
	Path directory;

	@Tag("services")
	@Test
	void aTieredBackendSharesThroughRedisAndKeepsALocalCopy() {
		String prefix = SharedServices.uniqueName("docs") + ":";
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					CheckpointingAutoConfiguration.class))
			.withUserConfiguration(ReportsConfiguration.class, TieredBackendConfiguration.class)
			.withPropertyValues("spring.data.redis.url=" + SharedServices.redis().url(),
					"checkpointing.redis.key-prefix=" + prefix);
		Path firstMachine = this.directory.resolve("first");
		Path secondMachine = this.directory.resolve("second");
		runner.withPropertyValues("checkpointing.directory=" + firstMachine).run((context) -> {
			assertThat(context.getBean(CacheBackend.class)).isInstanceOf(TieredBackend.class);
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.summary(2024)).isEqualTo("report 2024");
			assertThat(reports.summary(2024)).isEqualTo("report 2024");
			assertThat(reports.runs()).isEqualTo(1);
			assertThat(entries(new FilesystemBackend(firstMachine))).isEqualTo(1);
		});
		// Another machine: an empty local directory, the same Redis.
		runner.withPropertyValues("checkpointing.directory=" + secondMachine).run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.summary(2024)).isEqualTo("report 2024");
			assertThat(reports.runs()).as("found in Redis").isZero();
			assertThat(entries(new FilesystemBackend(secondMachine))).as("copied to the local directory").isEqualTo(1);
			CacheBackend backend = context.getBean(CacheBackend.class);
			try (Stream<StoredEntry> shared = backend.list()) {
				CallKey key = shared.findFirst().orElseThrow().key();
				try (KeyLock lock = backend.tryLock(key).orElseThrow()) {
					assertThat(backend.tryLock(key)).as("the lock is Redis's, shared by every machine").isEmpty();
				}
			}
			backend.clear();
			assertThat(entries(new FilesystemBackend(secondMachine))).isZero();
		});
	}

	@Test
	void thePageShowsTheCodeThatThisTestRuns() throws IOException {
		String page = Files.readString(Path.of("..", "docs", "backends.md"));
		String source = Files.readString(Path.of("src", "test", "java", "io", "checkpointing", "docs",
				"BackendsExamplesTest.java"));
		String example = source.substring(source.indexOf("\t/**\n\t * Reads the local directory first"),
				source.lastIndexOf("\n}\n"));
		String shown = example.lines()
			.map((line) -> line.startsWith("\t") ? line.substring(1) : line)
			.collect(Collectors.joining("\n"));
		for (String part : shown.split("\n(?=@Configuration)")) {
			assertThat(page).contains(part.strip());
		}
	}

	private static long entries(CacheBackend backend) throws IOException {
		try (Stream<StoredEntry> entries = backend.list()) {
			return entries.count();
		}
	}

	// The example: a local directory in front of a shared Redis (docs/backends.md)

	/**
	 * Reads the local directory first and Redis next, copying what it finds there; writes both.
	 * Locks and lists are Redis's, so every instance sees the same entries and computes each once.
	 */
	public static class TieredBackend implements CacheBackend {

		private final CacheBackend local;

		private final CacheBackend shared;

		public TieredBackend(CacheBackend local, CacheBackend shared) {
			this.local = local;
			this.shared = shared;
		}

		@Override
		public Optional<ByteBuffer> read(CallKey key) throws IOException {
			Optional<ByteBuffer> entry = this.local.read(key);
			if (entry.isEmpty()) {
				entry = this.shared.read(key);
				if (entry.isPresent()) {
					this.local.write(key, entry.get().duplicate());
				}
			}
			return entry;
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) throws IOException {
			this.shared.write(key, entry.duplicate());
			this.local.write(key, entry.duplicate());
		}

		@Override
		public boolean delete(CallKey key) throws IOException {
			boolean deletedLocally = this.local.delete(key);
			return this.shared.delete(key) || deletedLocally;
		}

		@Override
		public Stream<StoredEntry> list() throws IOException {
			return this.shared.list();
		}

		@Override
		public void clear() throws IOException {
			this.shared.clear();
			this.local.clear();
		}

		@Override
		public Optional<KeyLock> tryLock(CallKey key) throws IOException {
			return this.shared.tryLock(key);
		}

		@Override
		public String location() {
			return this.local.location() + " in front of " + this.shared.location();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TieredBackendConfiguration {

		@Bean
		CacheBackend tieredBackend(RedisConnectionFactory redis, @Value("${checkpointing.directory:.checkpointing}") Path directory,
				@Value("${checkpointing.redis.key-prefix:checkpointing:}") String prefix) {
			return new TieredBackend(new FilesystemBackend(directory),
					new RedisBackend(redis, prefix, null, Duration.ofSeconds(30)));
		}

	}

}
