package io.checkpointing.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.checkpointing.processes.ChildProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result is never held twice in the heap: a large {@code double[]} is stored and read back in a
 * heap not much larger than it, the miss and the hit each in a JVM of its own (so that the hit
 * reads the backend); an allocation of ours that fails is a failure of checkpointing under the
 * method's policy, not the caller's. Each run prints the heap's peak and its times, the numbers
 * of docs/performance.md; {@link #theBackendAndSizeTheSystemPropertiesName} measures any backend.
 */
@Tag("process")
class LargeResultHeapTest {

	@TempDir
	Path directory;

	@Test
	@Tag("load")
	void aResultOf400MegabytesIsStoredAndThenReadBackInA700MegabyteHeap() throws Exception {
		missThenHit(LargeResultBackend.FILESYSTEM, 400, "-Xmx700m");
		assertThat(entries()).hasSize(1);
	}

	/**
	 * With the young generation made small: the serial collector of the test's JVMs gives it a
	 * third of the heap by default, and a 1 GB array fits only in the old generation.
	 */
	@Test
	@Tag("load")
	@Tag("services")
	void aResultOfOneGigabyteIsStoredInS3AndThenReadBackInA1400MegabyteHeap() throws Exception {
		missThenHit(LargeResultBackend.S3, 1024, "-Xmx1400m -Xmn64m");
	}

	/**
	 * {@code -Dcheckpointing.heap.backend=jdbc} (any {@link LargeResultBackend}), with
	 * {@code checkpointing.heap.megabytes} (400 unless set) and {@code checkpointing.heap.options}
	 * (the child JVM's heap options, {@code -Xmx700m} unless set; space-separated).
	 */
	@Test
	@Tag("load")
	@EnabledIfSystemProperty(named = "checkpointing.heap.backend", matches = ".+")
	void theBackendAndSizeTheSystemPropertiesName() throws Exception {
		missThenHit(LargeResultBackend.valueOf(System.getProperty("checkpointing.heap.backend").toUpperCase(Locale.ROOT)),
				Integer.parseInt(System.getProperty("checkpointing.heap.megabytes", "400")),
				System.getProperty("checkpointing.heap.options", "-Xmx700m"));
	}

	@Test
	void anOutOfMemoryErrorInOurBuffersIsAFailureOfCheckpointingUnderThePolicy() throws Exception {
		// The memory tier keeps a copy of each entry it holds: 100 MB more than a 256 MB heap has room for.
		List<String> output = run(LargeResultBackend.FILESYSTEM, this.directory.toString(), "-Xmx256m", 100, "WARN", 10, 1);
		assertThat(output).contains("runs=1 length=13107200 last=1.3107199E7");
		assertThat(String.join("\n", output)).contains("the heap has no room to write this entry");
		assertThat(entries()).isEmpty();
	}

	/** The miss stores the result and the hit reads it back, without running the method. */
	private void missThenHit(LargeResultBackend backend, int megabytes, String heap) throws Exception {
		String ramp = "runs=%d length=" + megabytes * (1024 * 1024 / Double.BYTES) + " last=%s";
		String last = Double.toString(megabytes * (1024 * 1024 / Double.BYTES) - 1);
		String place = backend.place(this.directory);
		try {
			List<String> output = new ArrayList<>();
			// The hit's JVM runs the method no more (runs=0), or, with the memory backend's one JVM, no more than once.
			int runsAtHit;
			if (backend == LargeResultBackend.MEMORY) {
				output.addAll(run(backend, place, heap, megabytes, "RAISE", 0, 2));
				runsAtHit = 1;
			}
			else {
				output.addAll(run(backend, place, heap, megabytes, "RAISE", 0, 1));
				output.addAll(run(backend, place, heap, megabytes, "RAISE", 0, 1));
				runsAtHit = 0;
			}
			assertThat(output.stream().filter((line) -> line.startsWith("runs=")))
				.containsExactly(ramp.formatted(1, last), ramp.formatted(runsAtHit, last));
		}
		finally {
			backend.remove(place);
		}
	}

	private List<String> run(LargeResultBackend backend, String place, String heap, int megabytes, String onError,
			int tierEntries, int calls) throws InterruptedException {
		long start = System.nanoTime();
		List<String> output = ChildProcess.jvm(LargeResultProgram.class.getName())
			.options(heap.split(" "))
			.arguments(backend.name(), place, Integer.toString(megabytes), onError, Integer.toString(tierEntries),
					Integer.toString(calls))
			.runToSuccess();
		// The numbers of docs/performance.md.
		System.out.println(backend + " " + megabytes + " MB " + heap + ": "
				+ String.join(", ", output.stream().filter((line) -> line.startsWith("peak") || line.startsWith("call")).toList())
				+ ", JVM ms: " + (System.nanoTime() - start) / 1_000_000);
		return output;
	}

	private List<Path> entries() throws Exception {
		try (Stream<Path> files = Files.walk(this.directory)) {
			return files.filter((file) -> file.toString().endsWith(".ckpt")).toList();
		}
	}

}
