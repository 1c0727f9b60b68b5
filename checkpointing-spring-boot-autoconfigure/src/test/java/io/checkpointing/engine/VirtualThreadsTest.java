package io.checkpointing.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.checkpointing.store.FilesystemBackend;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpointed calls from virtual threads (Java 21+). The library is compiled for Java 17, and so
 * are its tests: virtual threads are reached by reflection, and the class runs only on 21 and
 * later (CI runs it on Java 25).
 *
 * <p>A thread that waits for another one computing its key parks on a future. A virtual thread
 * that parks inside {@code synchronized} pins its carrier on Java 21 to 23; with every carrier
 * pinned by waiters, the computing thread could never be mounted again, and the calls would
 * deadlock. The timeout turns such a hang into a failure instead of a stuck build.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VirtualThreadsTest {

	private static final int THREADS = 1_000;

	@TempDir
	Path directory;

	private final Calculator calculator = new Calculator();

	@Test
	void aThousandVirtualThreadsOnOneKeyRunTheMethodOnceWithoutPinning() throws Throwable {
		EngineCalls calls = new EngineCalls(
				CheckpointEngine.builder().backend(new FilesystemBackend(this.directory.resolve("store"))).build());
		// The method's first call reads its code; after that, only the key's computation is shared.
		assertThat(calls.call(this.calculator, "gate", 0, new CountDownLatch(0))).isEqualTo(0);
		this.calculator.runs.set(0);

		List<RecordedEvent> pinned;
		ExecutorService threads = virtualThreadPerTask();
		try (Recording recording = new Recording()) {
			// A first contended round, on another key, loads and initializes the JDK classes of the
			// waiting path (CompletableFuture$Signaller among them). A virtual thread that waits for
			// another thread to initialize a class pins its carrier: a one-time event of the JDK,
			// not a monitor our code holds, and not what this test looks for.
			assertThat(contendOneKey(calls, threads, 2, 50)).containsOnly(2);
			this.calculator.runs.set(0);

			recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
			recording.start();
			assertThat(contendOneKey(calls, threads, 1, THREADS)).containsOnly(1);
			recording.stop();
			Path events = this.directory.resolve("pinned.jfr");
			recording.dump(events);
			pinned = RecordingFile.readAllEvents(events);
		}
		finally {
			// Not try-with-resources: an ExecutorService is AutoCloseable only from Java 19 on.
			threads.shutdownNow();
		}
		assertThat(this.calculator.runs).hasValue(1);
		assertThat(pinned).as("virtual threads pinned to their carrier in checkpointing code")
			.filteredOn(VirtualThreadsTest::inCheckpointingCode)
			.isEmpty();
	}

	/**
	 * Calls {@code gate(key)} from {@code count} virtual threads at once: the first thread in
	 * computes the key and blocks in the method until all others wait for it.
	 */
	private List<Object> contendOneKey(EngineCalls calls, ExecutorService threads, int key, int count)
			throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<Future<Object>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			futures.add(threads.submit(() -> {
				assertThat(isVirtual(Thread.currentThread())).isTrue();
				return call(calls, key, release);
			}));
		}
		while (this.calculator.runs.get() == 0) {
			Thread.sleep(10);
		}
		release.countDown();
		List<Object> results = new ArrayList<>();
		for (Future<Object> future : futures) {
			results.add(future.get());
		}
		return results;
	}

	private Object call(EngineCalls calls, int key, CountDownLatch release) {
		try {
			return calls.call(this.calculator, "gate", key, release);
		}
		catch (Throwable ex) {
			throw new AssertionError(ex);
		}
	}

	private static boolean inCheckpointingCode(RecordedEvent event) {
		return event.getStackTrace() != null && event.getStackTrace()
			.getFrames()
			.stream()
			.map(RecordedFrame::getMethod)
			.anyMatch((method) -> method.getType().getName().startsWith("io.checkpointing."));
	}

	/** {@code Executors.newVirtualThreadPerTaskExecutor()}, which Java 17 does not have. */
	private static ExecutorService virtualThreadPerTask() throws ReflectiveOperationException {
		return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
	}

	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			throw new AssertionError("Thread#isVirtual exists from Java 21 on", ex);
		}
	}

}
