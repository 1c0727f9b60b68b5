package io.checkpointing.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.checkpointing.fleet.program.FleetProgram;
import io.checkpointing.processes.ChildProcess;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.PostgresEndpoint;
import io.checkpointing.services.SharedServices.RedisEndpoint;
import io.checkpointing.services.SharedServices.S3Endpoint;
import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.store.JdbcBackend;
import io.checkpointing.store.StoredEntry;
import io.checkpointing.store.s3.S3Backend;
import io.checkpointing.store.s3.S3BackendBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four JVMs share one store and start calling at the same moment, each 100 keys in an order of
 * its own on four threads: the method runs exactly once per key across all of them (counted in
 * the store itself), and every process sees the same value for each key.
 */
@Tag("process")
@Tag("services")
class SharedStoreFleetTest {

	private static final int PROCESSES = 4;

	private static final int KEYS = 100;

	private static final int THREADS = 4;

	@TempDir
	Path barrier;

	/** When the fleet was let go ({@link System#nanoTime()}), for the wall time of the calls alone. */
	private long wentAt;

	@Test
	void fourJvmsOnOneRedisComputeEachKeyOnce() throws Exception {
		RedisEndpoint redis = SharedServices.redis();
		String prefix = SharedServices.uniqueName("fleet") + ":";
		String counter = prefix + "runs";
		LettuceConnectionFactory connectionFactory = redis.connectionFactory();
		try (RedisBackend store = new RedisBackend(connectionFactory, prefix, null, java.time.Duration.ofSeconds(30));
				RedisConnection connection = connectionFactory.getConnection()) {
			try {
				List<Map<Integer, String>> seen = runFleet("--checkpointing.backend=redis",
						"--spring.data.redis.url=" + redis.url(), "--checkpointing.redis.key-prefix=" + prefix,
						"--fleet.counter=" + counter);
				byte[] runs = connection.stringCommands().get(counter.getBytes(StandardCharsets.UTF_8));
				assertThat(new String(runs, StandardCharsets.UTF_8)).as("method runs across the fleet").isEqualTo("100");
				assertSameValues(seen);
				try (Stream<StoredEntry> entries = store.list()) {
					assertThat(entries).hasSize(KEYS);
				}
			}
			finally {
				connection.keyCommands().del(counter.getBytes(StandardCharsets.UTF_8));
				store.clear();
			}
		}
		finally {
			connectionFactory.destroy();
		}
	}

	@Test
	void fourJvmsOnOnePostgresTableComputeEachKeyOnce() throws Exception {
		PostgresEndpoint postgres = SharedServices.postgres();
		String table = SharedServices.uniqueName("fleet");
		String counter = table + "_runs";
		try (Connection connection = postgres.connect(); Statement sql = connection.createStatement()) {
			sql.execute("CREATE TABLE " + counter + " (runs BIGINT NOT NULL)");
			sql.execute("INSERT INTO " + counter + " VALUES (0)");
			try {
				List<Map<Integer, String>> seen = runFleet("--checkpointing.backend=jdbc",
						"--spring.autoconfigure.exclude=", "--spring.datasource.url=" + postgres.jdbcUrl(),
						"--spring.datasource.username=" + postgres.username(),
						"--spring.datasource.password=" + postgres.password(), "--checkpointing.jdbc.table-name=" + table,
						"--fleet.counter=" + counter);
				try (ResultSet runs = sql.executeQuery("SELECT runs FROM " + counter)) {
					assertThat(runs.next()).isTrue();
					assertThat(runs.getLong(1)).as("method runs across the fleet").isEqualTo(KEYS);
				}
				assertSameValues(seen);
				JdbcBackend store = new JdbcBackend(new SingleConnectionDataSource(connection, true), table);
				try (Stream<StoredEntry> entries = store.list()) {
					assertThat(entries).hasSize(KEYS);
				}
			}
			finally {
				sql.execute("DROP TABLE IF EXISTS " + counter);
				sql.execute("DROP TABLE IF EXISTS " + table);
			}
		}
	}

	@Test
	void aFleetOnOneS3BucketComputesEachKeyOnce() throws Exception {
		S3Endpoint s3 = SharedServices.s3();
		String prefix = SharedServices.uniqueName("fleet") + "/";
		String counter = prefix + "runs/";
		try (S3Client client = s3.client();
				S3Backend store = new S3BackendBuilder(s3.bucket()).client(client).prefix(prefix).build()) {
			try {
				long start = System.nanoTime();
				// Credentials reach the processes as the SDK's default chain finds them: system properties.
				List<Map<Integer, String>> seen = runFleet(s3.credentialOptions(), "--checkpointing.backend=s3",
						"--checkpointing.s3.bucket=" + s3.bucket(), "--checkpointing.s3.prefix=" + prefix,
						"--checkpointing.s3.endpoint=" + s3.endpoint(), "--checkpointing.s3.path-style=true",
						"--fleet.counter=" + counter);
				long end = System.nanoTime();
				System.out.printf("S3 fleet: %d JVMs x %d threads x %d keys: %.1f s from 'go' to the last exit,"
						+ " %.1f s with the JVMs' start%n", PROCESSES, THREADS, KEYS, (end - this.wentAt) / 1e9,
						(end - start) / 1e9);
				long runs = client.listObjectsV2Paginator((list) -> list.bucket(s3.bucket()).prefix(counter))
					.contents()
					.stream()
					.count();
				assertThat(runs).as("method runs across the fleet").isEqualTo(KEYS);
				assertSameValues(seen);
				try (Stream<StoredEntry> entries = store.list()) {
					assertThat(entries).hasSize(KEYS);
				}
			}
			finally {
				store.clear();
			}
		}
	}

	private List<Map<Integer, String>> runFleet(String... settings) throws Exception {
		return runFleet(List.of(), settings);
	}

	/** Starts the fleet, lets it go once every process is ready, and returns what each one saw. */
	private List<Map<Integer, String>> runFleet(List<String> jvmOptions, String... settings) throws Exception {
		List<ChildProcess> processes = new ArrayList<>();
		try {
			for (int seed = 0; seed < PROCESSES; seed++) {
				processes.add(ChildProcess.jvm(FleetProgram.class.getName())
					.options(jvmOptions)
					.arguments("--fleet.seed=" + seed, "--fleet.keys=" + KEYS, "--fleet.threads=" + THREADS,
							"--fleet.barrier=" + this.barrier, "--logging.level.root=WARN", "--spring.main.banner-mode=off")
					.arguments(settings)
					.start());
			}
			awaitReady(processes);
			Files.createFile(this.barrier.resolve("go"));
			this.wentAt = System.nanoTime();
			List<Map<Integer, String>> seen = new ArrayList<>();
			for (ChildProcess process : processes) {
				seen.add(values(process.awaitSuccess()));
			}
			return seen;
		}
		finally {
			processes.forEach(ChildProcess::close);
		}
	}

	private void awaitReady(List<ChildProcess> processes) throws Exception {
		long deadline = System.nanoTime() + ChildProcess.TIMEOUT.toNanos();
		while (true) {
			try (Stream<Path> files = Files.list(this.barrier)) {
				if (files.filter((file) -> file.getFileName().toString().startsWith("ready-")).count() == PROCESSES) {
					return;
				}
			}
			for (int i = 0; i < PROCESSES; i++) {
				if (!processes.get(i).isAlive()) {
					throw new AssertionError("Process " + i + " ended before it was ready:\n"
							+ String.join("\n", processes.get(i).lines()));
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The fleet was not ready after " + ChildProcess.TIMEOUT.toSeconds() + " s");
			}
			Thread.sleep(20);
		}
	}

	private static void assertSameValues(List<Map<Integer, String>> seen) {
		Map<Integer, String> first = seen.get(0);
		assertThat(first).hasSize(KEYS);
		assertThat(first.get(7)).startsWith("49 computed by run ");
		for (Map<Integer, String> other : seen) {
			assertThat(other).isEqualTo(first);
		}
	}

	private static Map<Integer, String> values(List<String> lines) {
		Map<Integer, String> values = new TreeMap<>();
		lines.stream().filter((line) -> line.startsWith("value ")).forEach((line) -> {
			String[] parts = line.split(" ", 3);
			values.put(Integer.parseInt(parts[1]), parts[2]);
		});
		return values;
	}

}
