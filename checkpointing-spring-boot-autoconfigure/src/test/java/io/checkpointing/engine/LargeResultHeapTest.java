package io.checkpointing.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.processes.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result is never held twice in the heap: a 400 MB {@code double[]} is stored and read back in
 * a 700 MB heap, each in a JVM of its own; an allocation of ours that fails is a failure of
 * checkpointing under the method's policy, not the caller's.
 */
class LargeResultHeapTest {

	private static final String RAMP_OF_400_MB = "runs=%d length=52428800 last=5.2428799E7";

	@TempDir
	Path directory;

	@Test
	void aResultOf400MegabytesIsStoredAndThenReadBackInA700MegabyteHeap() throws Exception {
		List<String> miss = run("-Xmx700m", 400, "RAISE", 0);
		assertThat(miss).contains(RAMP_OF_400_MB.formatted(1));
		assertThat(entries()).hasSize(1);
		List<String> hit = run("-Xmx700m", 400, "RAISE", 0);
		assertThat(hit).contains(RAMP_OF_400_MB.formatted(0));
	}

	@Test
	void anOutOfMemoryErrorInOurBuffersIsAFailureOfCheckpointingUnderThePolicy() throws Exception {
		// The memory tier keeps a copy of each entry it holds: 100 MB more than a 256 MB heap has room for.
		List<String> output = run("-Xmx256m", 100, "WARN", 10);
		assertThat(output).contains("runs=1 length=13107200 last=1.3107199E7");
		assertThat(String.join("\n", output)).contains("the heap has no room to write this entry");
		assertThat(entries()).isEmpty();
	}

	private List<String> run(String heap, int megabytes, String onError, int tierEntries) throws InterruptedException {
		List<String> output = ChildProcess.jvm(LargeResultProgram.class.getName())
			.options(heap)
			.arguments(this.directory.toString(), Integer.toString(megabytes), onError, Integer.toString(tierEntries))
			.runToSuccess();
		// The peak, for docs/performance.md.
		output.stream().filter((line) -> line.startsWith("peak heap")).forEach(System.out::println);
		return output;
	}

	private List<Path> entries() throws Exception {
		try (Stream<Path> files = Files.walk(this.directory)) {
			return files.filter((file) -> file.toString().endsWith(".ckpt")).toList();
		}
	}

}
