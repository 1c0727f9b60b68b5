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
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight JVMs share a store and start calling at the same moment, each 200 keys in an order of its
 * own on four threads: the method runs exactly once per key across all of them (counted in the
 * store itself), and every process sees the same value for each key. The same eight JVMs run this
 * once per shared backend, one backend after the other (a Spring Boot JVM start costs far more
 * than a round), and each round prints its wall time, which docs/backends.md reports.
 */
@Tag("process")
@Tag("services")
@ExtendWith(LocalRedisExtension.class)
class SharedStoreFleetTest {

	private static final int PROCESSES = 8;

	private static final int KEYS = 200;

	private static final int THREADS = 4;

	/**
	 * How long eight Spring Boot JVMs may take to start together, or a round to end: minutes on a
	 * loaded machine with two cores. Only a deadline for a failure: the time it takes is not checked.
	 */
	private static final Duration DEADLINE = Duration.ofMinutes(10);

	@TempDir
	Path barrier;

	@Test
	void eightJvmsOnEachSharedStoreComputeEachKeyOnce(LocalRedisCluster cluster) throws Exception {
		List<FleetStore> stores = new ArrayList<>();
		try {
			RedisEndpoint redis = SharedServices.redis();
			stores.add(new RedisFleetStore("Redis", redis.connectionFactory(), "spring.data.redis.url=" + redis.url()));
			stores.add(new RedisFleetStore("Redis Cluster (3 masters)", cluster.connectionFactory(),
					"spring.data.redis.cluster.nodes=" + cluster.nodes()));
			stores.add(new PostgresFleetStore(SharedServices.postgres()));
			stores.add(new S3FleetStore(SharedServices.s3()));
			List<List<Map<Integer, String>>> seen = runFleet(stores);
			SoftAssertions.assertSoftly((softly) -> {
				for (int round = 0; round < stores.size(); round++) {
					assertEachKeyComputedOnce(softly, stores.get(round), seen.get(round));
				}
			});
		}
		finally {
			for (FleetStore store : stores) {
				store.close();
			}
		}
	}

	private static void assertEachKeyComputedOnce(SoftAssertions softly, FleetStore store,
			List<Map<Integer, String>> seen) {
		String on = " on " + store.name();
		try {
			softly.assertThat(store.runs()).as("method runs across the fleet" + on).isEqualTo(KEYS);
			softly.assertThat(store.entries()).as("entries" + on).isEqualTo(KEYS);
		}
		catch (Exception ex) {
			softly.fail("Cannot read what the fleet left" + on, ex);
		}
		Map<Integer, String> first = seen.get(0);
		softly.assertThat(first).as("values seen by process 0" + on).hasSize(KEYS);
		softly.assertThat(first.get(7)).as("value of 7" + on).startsWith("49 computed by run ");
		for (int process = 1; process < seen.size(); process++) {
			softly.assertThat(seen.get(process)).as("values seen by process " + process + on).isEqualTo(first);
		}
	}

	/**
	 * Starts the fleet, lets it go for each store once every process is ready, and returns what
	 * each process saw, per store (round) and process. Reports the time from each go to the end of
	 * the round in the last process.
	 */
	private List<List<Map<Integer, String>>> runFleet(List<FleetStore> stores) throws Exception {
		List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
		for (int round = 0; round < stores.size(); round++) {
			Files.write(this.barrier.resolve("round-" + round + ".args"), stores.get(round).settings());
			jvmOptions.addAll(stores.get(round).jvmOptions());
		}
		List<ChildProcess> processes = new ArrayList<>();
		try {
			long started = System.nanoTime();
			for (int seed = 0; seed < PROCESSES; seed++) {
				processes.add(ChildProcess.jvm(FleetProgram.class.getName())
					.options(jvmOptions)
					.arguments("--fleet.seed=" + seed, "--fleet.keys=" + KEYS, "--fleet.threads=" + THREADS,
							"--fleet.barrier=" + this.barrier, "--fleet.rounds=" + stores.size(),
							"--logging.level.root=WARN", "--spring.main.banner-mode=off")
					.start());
			}
			for (int round = 0; round < stores.size(); round++) {
				awaitAll(processes, "ready-" + round + "-");
				long go = System.nanoTime();
				Files.createFile(this.barrier.resolve("go-" + round));
				awaitAll(processes, "done-" + round + "-");
				System.out.printf("Fleet on %s: %d JVMs x %d threads x %d keys: %.1f s from the go to the last process's end"
						+ " of the round%n", stores.get(round).name(), PROCESSES, THREADS, KEYS,
						Duration.ofNanos(System.nanoTime() - go).toMillis() / 1000.0);
			}
			List<List<String>> outputs = new ArrayList<>();
			for (ChildProcess process : processes) {
				outputs.add(process.awaitSuccess());
			}
			System.out.printf("Fleet: %d JVMs over %d stores: %.1f s with the JVMs' startup%n", PROCESSES, stores.size(),
					Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
			List<List<Map<Integer, String>>> seen = new ArrayList<>();
			for (int round = 0; round < stores.size(); round++) {
				List<Map<Integer, String>> perProcess = new ArrayList<>();
				for (List<String> output : outputs) {
					perProcess.add(values(output, round));
				}
				seen.add(perProcess);
			}
			return seen;
		}
		finally {
			processes.forEach(ChildProcess::close);
		}
	}

	/** Waits until every process has made its file {@code <prefix><seed>} in the barrier directory. */
	private void awaitAll(List<ChildProcess> processes, String prefix) throws Exception {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		while (true) {
			try (Stream<Path> files = Files.list(this.barrier)) {
				if (files.filter((file) -> file.getFileName().toString().startsWith(prefix)).count() == PROCESSES) {
					return;
				}
			}
			for (int i = 0; i < PROCESSES; i++) {
				// After its last round's file a process ends: only an end without the file is a failure.
				if (!processes.get(i).isAlive() && !Files.exists(this.barrier.resolve(prefix + i))) {
					throw new AssertionError("Process " + i + " ended before " + prefix + i + ":\n"
							+ String.join("\n", processes.get(i).lines()));
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No " + prefix + "* of every process after " + DEADLINE.toSeconds() + " s");
			}
			Thread.sleep(20);
		}
	}

	/** @return the values a process printed in a round, by key */
	private static Map<Integer, String> values(List<String> lines, int round) {
		Map<Integer, String> values = new TreeMap<>();
		String prefix = "value " + round + " ";
		lines.stream().filter((line) -> line.startsWith(prefix)).forEach((line) -> {
			String[] parts = line.substring(prefix.length()).split(" ", 2);
			values.put(Integer.parseInt(parts[0]), parts[1]);
		});
		return values;
	}

}
