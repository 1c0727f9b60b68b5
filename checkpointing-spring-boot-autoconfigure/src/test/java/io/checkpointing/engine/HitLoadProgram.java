package io.checkpointing.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.checkpointing.engine.CallStatistics.MethodStatistics;
import io.checkpointing.store.FilesystemBackend;

/**
 * The JVM of {@link HitLoadTest}: stores {@link Results#point} for a number of keys in a
 * filesystem store, then reads them back on several threads, many times each. Arguments: the
 * store's directory, the number of keys, of threads and of hits per thread. It prints the
 * measurement (the numbers of docs/reliability.md, "Load") and, one per line as {@code name=value}, what
 * the test checks: the hits that returned another value, the engine's counts, the method's runs,
 * and the open file descriptors and the heap after a full collection, before and after the hits.
 */
public final class HitLoadProgram {

	private HitLoadProgram() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[0]);
		int keys = Integer.parseInt(args[1]);
		int threadCount = Integer.parseInt(args[2]);
		int hitsPerThread = Integer.parseInt(args[3]);
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(directory)).build();
		Results results = new Results();
		// Looked up once, as the aspect is handed it: the lookup is no part of what is measured.
		Method point = Results.class.getMethod("point", int.class);
		long storing = System.nanoTime();
		for (int key = 0; key < keys; key++) {
			call(engine, point, results, key);
		}
		long storingNanos = System.nanoTime() - storing;
		int runsAfterStoring = results.runs.get();
		long fdsBefore = openFileDescriptors();
		long heapBefore = heapAfterFullCollection();
		AtomicLong wrong = new AtomicLong();
		// CPU time of the reading threads: on a shared machine, wall time says more about the neighbours.
		AtomicLong cpuNanos = new AtomicLong();
		ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
		long start = System.nanoTime();
		ExecutorService threads = Executors.newFixedThreadPool(threadCount);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int thread = 0; thread < threadCount; thread++) {
				// Coprime strides: the threads visit the keys in different orders.
				int stride = (thread == 0) ? 1 : 7919;
				done.add(threads.submit(() -> {
					long cpuStart = cpu.getCurrentThreadCpuTime();
					for (int i = 0; i < hitsPerThread; i++) {
						int key = (int) ((long) i * stride % keys);
						Object value = call(engine, point, results, key);
						if (!new Results.Point(key, -key).equals(value)) {
							wrong.incrementAndGet();
						}
					}
					cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
					return null;
				}));
			}
			for (Future<?> thread : done) {
				thread.get();
			}
		}
		finally {
			threads.shutdown();
		}
		long elapsedNanos = System.nanoTime() - start;
		long fdsAfter = openFileDescriptors();
		long heapAfter = heapAfterFullCollection();
		MethodStatistics statistics = engine.statistics().of("Results#point");
		System.out.printf("Hit load: %,d keys stored in %.1f s; %d threads x %,d hits in %.1f s (%.1f us per hit per"
				+ " thread; %.1f us of CPU per hit); open fds %d -> %d; heap after full GC %.1f MB -> %.1f MB%n", keys,
				storingNanos / 1e9, threadCount, hitsPerThread, elapsedNanos / 1e9, elapsedNanos / 1e3 / hitsPerThread,
				cpuNanos.get() / 1e3 / (threadCount * (double) hitsPerThread), fdsBefore, fdsAfter, heapBefore / 1e6,
				heapAfter / 1e6);
		System.out.println("runs-after-storing=" + runsAfterStoring);
		System.out.println("wrong=" + wrong.get());
		System.out.println("errors=" + statistics.errors());
		System.out.println("hits=" + statistics.hits());
		System.out.println("misses=" + statistics.misses());
		System.out.println("runs=" + results.runs.get());
		System.out.println("fds-before=" + fdsBefore);
		System.out.println("fds-after=" + fdsAfter);
		System.out.println("heap-before=" + heapBefore);
		System.out.println("heap-after=" + heapAfter);
	}

	private static Object call(CheckpointEngine engine, Method point, Results results, int key) {
		Object[] arguments = { key };
		try {
			return engine.call(new MethodCall(point, results, arguments, () -> results.point(key)));
		}
		catch (Throwable ex) {
			throw new IllegalStateException("point(" + key + ") failed", ex);
		}
	}

	private static long openFileDescriptors() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

	/** The least heap in use over several collections, as one collection may leave some garbage. */
	private static long heapAfterFullCollection() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long least = Long.MAX_VALUE;
		for (int round = 0; round < 5; round++) {
			System.gc();
			Thread.sleep(50);
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

}
