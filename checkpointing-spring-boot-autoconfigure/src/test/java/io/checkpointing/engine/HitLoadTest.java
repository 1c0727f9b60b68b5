package io.checkpointing.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.checkpointing.processes.ChildProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two threads read 1,000,000 stored results each, over 10,000 keys in a filesystem store: no
 * call fails, and neither open file descriptors nor the heap left after a full collection grow.
 * The numbers are printed; only their growth is asserted, never a time. The load runs in a JVM of
 * its own ({@link HitLoadProgram}) with the full JIT: its millions of calls are where C2 pays (in
 * a test JVM it took 66 s of CPU with C2, 102 s with the C1 alone that the test JVMs run with).
 * {@code -Dcheckpointing.hit-load.options=...} adds options to that JVM, such as a JFR recording.
 */
@EnabledOnOs(OS.LINUX)
@Tag("load")
@Tag("process")
class HitLoadTest {

	private static final int KEYS = 10_000;

	private static final int THREADS = 2;

	private static final int HITS_PER_THREAD = 1_000_000;

	/** Open descriptors may differ by a few that the JVM opens on its own (a jar, a log file). */
	private static final long FD_SLACK = 4;

	/** Generous: what stays reachable from the engine does not depend on the number of hits. */
	private static final long HEAP_SLACK_BYTES = 32L * 1024 * 1024;

	/**
	 * The load takes about a minute on an idle two-core machine and several on a busy one: longer
	 * than a child JVM's usual limit, which is for JVMs that hang.
	 */
	private static final Duration TIMEOUT = Duration.ofMinutes(15);

	@TempDir
	Path directory;

	@Test
	void twoThreadsReadingAMillionHitsEachLeakNeitherFilesNorHeap() throws Exception {
		List<String> output = ChildProcess.jvm(HitLoadProgram.class.getName())
			.options("-XX:TieredStopAtLevel=4")
			.options(extraOptions())
			.timeout(TIMEOUT)
			.arguments(this.directory.toString(), String.valueOf(KEYS), String.valueOf(THREADS),
					String.valueOf(HITS_PER_THREAD))
			.runToSuccess();
		output.stream().filter((line) -> line.startsWith("Hit load: ")).forEach(System.out::println);
		Map<String, Long> numbers = output.stream()
			.filter((line) -> line.matches("[a-z-]+=-?\\d+"))
			.collect(Collectors.toMap((line) -> line.substring(0, line.indexOf('=')),
					(line) -> Long.parseLong(line.substring(line.indexOf('=') + 1))));
		assertThat(numbers).as("what the load's JVM printed: %s", output).containsKeys("runs-after-storing", "wrong",
				"errors", "hits", "misses", "runs", "fds-before", "fds-after", "heap-before", "heap-after");
		assertThat(numbers.get("runs-after-storing")).isEqualTo((long) KEYS);
		assertThat(numbers.get("wrong")).as("hits that returned another value").isZero();
		assertThat(numbers.get("errors")).isZero();
		assertThat(numbers.get("hits")).isEqualTo((long) THREADS * HITS_PER_THREAD);
		assertThat(numbers.get("misses")).isEqualTo((long) KEYS);
		assertThat(numbers.get("runs")).as("no hit ran the method").isEqualTo((long) KEYS);
		assertThat(numbers.get("fds-after")).isLessThanOrEqualTo(numbers.get("fds-before") + FD_SLACK);
		assertThat(numbers.get("heap-after")).isLessThanOrEqualTo(numbers.get("heap-before") + HEAP_SLACK_BYTES);
	}

	private static List<String> extraOptions() {
		String options = System.getProperty("checkpointing.hit-load.options", "").strip();
		return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
	}

}
