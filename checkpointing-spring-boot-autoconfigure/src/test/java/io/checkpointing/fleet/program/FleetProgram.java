package io.checkpointing.fleet.program;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * One process of a fleet that shares a store, started by {@code SharedStoreFleetTest}. It runs
 * one round per store, one after the other, each in an application context of its own whose
 * settings are the lines of the file {@code round-<r>.args} in {@code fleet.barrier} (so one JVM
 * start serves every store). In each round it says that it is started with a file
 * {@code ready-<r>-<seed>} and waits for the file {@code go-<r>}, so that every process starts
 * calling at once; then it calls {@link Squares#square} for {@code fleet.keys} keys, in an order of
 * its own, on {@code fleet.threads} threads, prints {@code value <r> <n> <result>} for each key
 * and says that it is done with a file {@code done-<r>-<seed>}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class FleetProgram {

	public static void main(String[] args) throws Exception {
		Path barrier = Path.of(property(args, "fleet.barrier"));
		int rounds = Integer.parseInt(property(args, "fleet.rounds"));
		for (int round = 0; round < rounds; round++) {
			List<String> settings = new ArrayList<>(List.of(args));
			settings.addAll(Files.readAllLines(barrier.resolve("round-" + round + ".args")));
			runRound(round, barrier, settings.toArray(String[]::new));
		}
	}

	private static void runRound(int round, Path barrier, String[] args) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FleetProgram.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args)) {
			Environment environment = context.getEnvironment();
			int seed = environment.getRequiredProperty("fleet.seed", Integer.class);
			int keys = environment.getRequiredProperty("fleet.keys", Integer.class);
			int threads = environment.getRequiredProperty("fleet.threads", Integer.class);
			Squares squares = context.getBean(Squares.class);

			List<Integer> order = new ArrayList<>();
			for (int n = 0; n < keys; n++) {
				order.add(n);
			}
			Collections.shuffle(order, new Random(seed));
			ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>(order);

			Files.createFile(barrier.resolve("ready-" + round + "-" + seed));
			// As long as the test waits for the others to start.
			Path go = barrier.resolve("go-" + round);
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
			while (!Files.exists(go)) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("No " + go + " after 10 minutes");
				}
				Thread.sleep(5);
			}

			Map<Integer, String> values = new ConcurrentHashMap<>();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					for (Integer n = queue.poll(); n != null; n = queue.poll()) {
						values.put(n, squares.square(n));
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			pool.shutdown();
			new TreeMap<>(values).forEach((n, value) -> System.out.println("value " + round + " " + n + " " + value));
			Files.createFile(barrier.resolve("done-" + round + "-" + seed));
		}
	}

	/** @return the value of a {@code --name=value} argument, read before any context exists */
	private static String property(String[] args, String name) {
		for (String arg : args) {
			if (arg.startsWith("--" + name + "=")) {
				return arg.substring(name.length() + 3);
			}
		}
		throw new IllegalArgumentException("No --" + name + "=... among the arguments");
	}

}
