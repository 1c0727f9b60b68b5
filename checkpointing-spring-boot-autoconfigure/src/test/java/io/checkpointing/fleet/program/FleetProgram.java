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
 * One process of a fleet that shares a store, started by {@code SharedStoreFleetTest}. Once
 * started it says so with a file {@code ready-<seed>} in {@code fleet.barrier} and waits for the
 * file {@code go}, so that every process starts calling at once; then it calls
 * {@link Squares#square} for {@code fleet.keys} keys, in an order of its own, on
 * {@code fleet.threads} threads, and prints {@code value <n> <result>} for each key.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class FleetProgram {

	public static void main(String[] args) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FleetProgram.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args)) {
			Environment environment = context.getEnvironment();
			int seed = environment.getRequiredProperty("fleet.seed", Integer.class);
			int keys = environment.getRequiredProperty("fleet.keys", Integer.class);
			int threads = environment.getRequiredProperty("fleet.threads", Integer.class);
			Path barrier = Path.of(environment.getRequiredProperty("fleet.barrier"));
			Squares squares = context.getBean(Squares.class);

			List<Integer> order = new ArrayList<>();
			for (int n = 0; n < keys; n++) {
				order.add(n);
			}
			Collections.shuffle(order, new Random(seed));
			ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>(order);

			Files.createFile(barrier.resolve("ready-" + seed));
			// As long as the test waits for the others to start.
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
			while (!Files.exists(barrier.resolve("go"))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("No 'go' in " + barrier + " after 10 minutes");
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
			new TreeMap<>(values).forEach((n, value) -> System.out.println("value " + n + " " + value));
		}
	}

}
