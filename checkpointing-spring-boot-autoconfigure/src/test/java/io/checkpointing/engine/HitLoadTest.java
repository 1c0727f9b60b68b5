package io.checkpointing.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two threads read 1,000,000 stored results each, over 10,000 keys in a filesystem store: no
 * call fails, and neither open file descriptors nor the heap left after a full collection grow.
 * The numbers are printed; only their growth is asserted, never a time.
 */
@EnabledOnOs(OS.LINUX)
@Tag("load")
class HitLoadTest {

	private static final int KEYS = 10_000;

	private static final int THREADS = 2;

	private static final int HITS_PER_THREAD = 1_000_000;

	/** Open descriptors may differ by a few that the JVM opens on its own (a jar, a log file). */
	private static final long FD_SLACK = 4;

	/** Generous: what stays reachable from the engine does not depend on the number of hits. */
	private static final long HEAP_SLACK_BYTES = 32L * 1024 * 1024;

	@TempDir
	Path directory;

	@Test
	void twoThreadsReadingAMillionHitsEachLeakNeitherFilesNorHeap() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build();
		Results results = new Results();
		// Looked up once, as the aspect is handed it: the lookup is no part of what is measured.
		Method point = Results.class.getMethod("point", int.class);
		long storing = System.nanoTime();
		for (int key = 0; key < KEYS; key++) {
			call(engine, point, results, key);
		}
		long storingNanos = System.nanoTime() - storing;
		assertThat(results.runs).hasValue(KEYS);
		long fdsBefore = openFileDescriptors();
		long heapBefore = heapAfterFullCollection();
		AtomicLong wrong = new AtomicLong();
		// CPU time of the reading threads: on a shared machine, wall time says more about the neighbours.
		AtomicLong cpuNanos = new AtomicLong();
		java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
		long start = System.nanoTime();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				// Coprime strides: the threads visit the keys in different orders.
				int stride = (thread == 0) ? 1 : 7919;
				done.add(threads.submit(() -> {
					long cpuStart = cpu.getCurrentThreadCpuTime();
					for (int i = 0; i < HITS_PER_THREAD; i++) {
						int key = (int) ((long) i * stride % KEYS);
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
				+ " thread; %.1f us of CPU per hit); open fds %d -> %d; heap after full GC %.1f MB -> %.1f MB%n", KEYS,
				storingNanos / 1e9, THREADS, HITS_PER_THREAD, elapsedNanos / 1e9, elapsedNanos / 1e3 / HITS_PER_THREAD,
				cpuNanos.get() / 1e3 / (THREADS * (double) HITS_PER_THREAD), fdsBefore, fdsAfter, heapBefore / 1e6,
				heapAfter / 1e6);
		assertThat(wrong).as("hits that returned another value").hasValue(0);
		assertThat(statistics.errors()).isZero();
		assertThat(statistics.hits()).isEqualTo((long) THREADS * HITS_PER_THREAD);
		assertThat(statistics.misses()).isEqualTo(KEYS);
		assertThat(results.runs).as("no hit ran the method").hasValue(KEYS);
		assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore + FD_SLACK);
		assertThat(heapAfter).isLessThanOrEqualTo(heapBefore + HEAP_SLACK_BYTES);
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
