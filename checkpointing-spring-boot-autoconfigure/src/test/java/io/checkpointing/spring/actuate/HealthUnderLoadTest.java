package io.checkpointing.spring.actuate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.checkpointing.key.CallKey;
import io.checkpointing.services.SharedServices;
import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.JdbcBackend;
import io.checkpointing.store.KeyLock;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hundred health requests at once, on each backend: no spurious failure, one check of the store,
 * nothing left behind; and a failing store does not take a correctly serving application DOWN.
 */
class HealthUnderLoadTest {

	private static final int REQUESTS = 100;

	@TempDir
	Path directory;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void filesystem() throws Exception {
		Path store = this.directory.resolve("store");
		Files.createDirectories(store);
		List<Health> answers = concurrently(new CheckpointingHealthIndicator(new FilesystemBackend(store), false,
				Duration.ZERO));
		assertThat(answers).allSatisfy((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP));
		try (Stream<Path> files = Files.list(store)) {
			assertThat(files).as("nothing left behind").isEmpty();
		}
	}

	@Test
	void filesystemDoesNotCreateTheDirectory() {
		Path store = this.directory.resolve("not/yet");
		Health health = new CheckpointingHealthIndicator(new FilesystemBackend(store), false, Duration.ZERO).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("directory", "not created yet; the first stored result creates it")
			.containsKey("free");
		assertThat(this.directory.resolve("not")).doesNotExist();
	}

	@Test
	void redis() throws Exception {
		LettuceConnectionFactory factory = SharedServices.redis().connectionFactory();
		this.resources.add(factory::destroy);
		RedisBackend backend = new RedisBackend(factory, SharedServices.uniqueName("health") + ":", null,
				Duration.ofSeconds(5));
		this.resources.add(backend);
		assertOneCheckAnswersAll(backend);
	}

	@Test
	void jdbc() throws Exception {
		HikariDataSource dataSource = SharedServices.postgres().dataSource(8);
		this.resources.add(dataSource);
		String table = SharedServices.uniqueName("health");
		this.resources.add(() -> {
			try (Connection connection = dataSource.getConnection(); Statement drop = connection.createStatement()) {
				drop.execute("DROP TABLE IF EXISTS " + table);
			}
		});
		assertOneCheckAnswersAll(new JdbcBackend(dataSource, table));
	}

	@Test
	void aFailingStoreUnderWarnIsDegradedAndTheApplicationStaysUp() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "not a directory");
		CheckpointingHealthIndicator indicator = new CheckpointingHealthIndicator(new FilesystemBackend(file), false,
				Duration.ZERO);
		Health first = indicator.health();
		assertThat(first.getStatus()).isEqualTo(CheckpointingHealthIndicator.DEGRADED);
		assertThat(first.getDetails()).containsKeys("error", "failingSince");
		assertThat(indicator.health().getDetails()).as("since the first failed check")
			.containsEntry("failingSince", first.getDetails().get("failingSince"));
		assertThat(new SimpleStatusAggregator().getAggregateStatus(Set.of(Status.UP, first.getStatus())))
			.isEqualTo(Status.UP);
		assertThat(new SimpleHttpCodeStatusMapper().getStatusCode(first.getStatus())).isEqualTo(200);
	}

	@Test
	void aFailingStoreCountsWhenTheStatusOrderSaysSo() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "not a directory");
		Status status = new CheckpointingHealthIndicator(new FilesystemBackend(file), false, Duration.ZERO).health()
			.getStatus();
		// management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown
		assertThat(new SimpleStatusAggregator("down", "out-of-service", "degraded", "up", "unknown")
			.getAggregateStatus(Set.of(Status.UP, status))).isEqualTo(CheckpointingHealthIndicator.DEGRADED);
	}

	@Test
	void aFailingStoreUnderRaiseIsDown() throws Exception {
		Path file = Files.writeString(this.directory.resolve("file"), "not a directory");
		assertThat(new CheckpointingHealthIndicator(new FilesystemBackend(file), true, Duration.ZERO).health()
			.getStatus()).isEqualTo(Status.DOWN);
	}

	private void assertOneCheckAnswersAll(CacheBackend backend) throws Exception {
		Counting counting = new Counting(backend);
		List<Health> answers = concurrently(new CheckpointingHealthIndicator(counting, false, Duration.ofMinutes(1)));
		assertThat(answers).allSatisfy((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP));
		assertThat(counting.writes).as("one check for all the requests").hasValue(1);
		assertThat(counting.deletes).as("its probe removed").hasValue(1);
	}

	/** @return the answers to {@link #REQUESTS} requests released at the same moment */
	private static List<Health> concurrently(CheckpointingHealthIndicator indicator) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(REQUESTS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Health>> answers = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				Callable<Health> request = () -> {
					start.await();
					return indicator.health();
				};
				answers.add(threads.submit(request));
			}
			start.countDown();
			List<Health> healths = new ArrayList<>();
			for (Future<Health> answer : answers) {
				healths.add(answer.get());
			}
			return healths;
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Counts the writes and deletes that reach the store. */
	private static final class Counting implements CacheBackend {

		private final CacheBackend store;

		final AtomicInteger writes = new AtomicInteger();

		final AtomicInteger deletes = new AtomicInteger();

		Counting(CacheBackend store) {
			this.store = store;
		}

		@Override
		public Optional<ByteBuffer> read(CallKey key) throws IOException {
			return this.store.read(key);
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) throws IOException {
			this.writes.incrementAndGet();
			this.store.write(key, entry);
		}

		@Override
		public boolean delete(CallKey key) throws IOException {
			this.deletes.incrementAndGet();
			return this.store.delete(key);
		}

		@Override
		public Optional<KeyLock> tryLock(CallKey key) throws IOException {
			return this.store.tryLock(key);
		}

		@Override
		public Stream<StoredEntry> list() throws IOException {
			return this.store.list();
		}

		@Override
		public void clear() throws IOException {
			this.store.clear();
		}

		@Override
		public String location() {
			return this.store.location();
		}

	}

}
