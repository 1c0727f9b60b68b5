package io.checkpointing.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.checkpointing.fleet.program.FleetProgram;
import io.checkpointing.processes.ChildProcess;
import io.checkpointing.services.LocalRedisCluster;
import io.checkpointing.services.LocalRedisExtension;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.RedisEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight JVMs share one store and start calling at the same moment, each 200 keys in an order of
 * its own on four threads: the method runs exactly once per key across all of them (counted in
 * the store itself), and every process sees the same value for each key. One test per shared
 * backend; each prints its wall time, which docs/backends.md reports.
 */
@Tag("process")
@Tag("services")
@ExtendWith(LocalRedisExtension.class)
class SharedStoreFleetTest {

	private static final int PROCESSES = 8;

	private static final int KEYS = 200;

	private static final int THREADS = 4;

	/**
	 * How long eight Spring Boot JVMs may take to start together: minutes on a loaded machine with
	 * two cores. Only a deadline for a failure: the time it takes is not checked.
	 */
	private static final Duration STARTUP = Duration.ofMinutes(10);

	@TempDir
	Path barrier;

	@Test
	void eightJvmsOnOneRedisComputeEachKeyOnce() throws Exception {
		RedisEndpoint redis = SharedServices.redis();
		try (FleetStore store = new RedisFleetStore("Redis", redis.connectionFactory(), "spring.data.redis.url=" + redis.url())) {
			assertEachKeyComputedOnce(store);
		}
	}

	@Test
	void eightJvmsOnOneRedisClusterComputeEachKeyOnce(LocalRedisCluster cluster) throws Exception {
		try (FleetStore store = new RedisFleetStore("Redis Cluster (3 masters)", cluster.connectionFactory(),
				"spring.data.redis.cluster.nodes=" + cluster.nodes())) {
			assertEachKeyComputedOnce(store);
		}
	}

	@Test
	void eightJvmsOnOnePostgresTableComputeEachKeyOnce() throws Exception {
		try (FleetStore store = new PostgresFleetStore(SharedServices.postgres())) {
			assertEachKeyComputedOnce(store);
		}
	}

	private void assertEachKeyComputedOnce(FleetStore store) throws Exception {
		List<Map<Integer, String>> seen = runFleet(store);
		assertThat(store.runs()).as("method runs across the fleet on " + store.name()).isEqualTo(KEYS);
		Map<Integer, String> first = seen.get(0);
		assertThat(first).hasSize(KEYS);
		assertThat(first.get(7)).startsWith("49 computed by run ");
		for (Map<Integer, String> other : seen) {
			assertThat(other).isEqualTo(first);
		}
		assertThat(store.entries()).isEqualTo(KEYS);
	}

	/**
	 * Starts the fleet, lets it go once every process is ready, and returns what each one saw.
	 * Reports the time from the go to the end of the last process.
	 */
	private List<Map<Integer, String>> runFleet(FleetStore store) throws Exception {
		List<ChildProcess> processes = new ArrayList<>();
		try {
			long started = System.nanoTime();
			for (int seed = 0; seed < PROCESSES; seed++) {
				processes.add(ChildProcess.jvm(FleetProgram.class.getName())
					.options("-Xmx256m")
					.arguments("--fleet.seed=" + seed, "--fleet.keys=" + KEYS, "--fleet.threads=" + THREADS,
							"--fleet.barrier=" + this.barrier, "--logging.level.root=WARN", "--spring.main.banner-mode=off")
					.arguments(store.settings())
					.start());
			}
			awaitReady(processes);
			long go = System.nanoTime();
			Files.createFile(this.barrier.resolve("go"));
			List<Map<Integer, String>> seen = new ArrayList<>();
			for (ChildProcess process : processes) {
				seen.add(values(process.awaitSuccess()));
			}
			long done = System.nanoTime();
			System.out.printf("Fleet on %s: %d JVMs x %d threads x %d keys: %.1f s from the go to the last process's end"
					+ " (%.1f s with the JVMs' startup)%n", store.name(), PROCESSES, THREADS, KEYS,
					Duration.ofNanos(done - go).toMillis() / 1000.0, Duration.ofNanos(done - started).toMillis() / 1000.0);
			return seen;
		}
		finally {
			processes.forEach(ChildProcess::close);
		}
	}

	private void awaitReady(List<ChildProcess> processes) throws Exception {
		long deadline = System.nanoTime() + STARTUP.toNanos();
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
				throw new AssertionError("The fleet was not ready after " + STARTUP.toSeconds() + " s");
			}
			Thread.sleep(20);
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
