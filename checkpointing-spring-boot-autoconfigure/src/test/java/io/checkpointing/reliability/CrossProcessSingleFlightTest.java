package io.checkpointing.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.EngineCalls;
import io.checkpointing.processes.ChildProcess;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes that share a filesystem store compute each key once, through the key's file lock; a
 * holder that dies frees the key at once.
 */
@Tag("process")
@ExtendWith(OutputCaptureExtension.class)
class CrossProcessSingleFlightTest {

	private static final int KEYS = 20;

	@TempDir
	Path folder;

	@Test
	void twoJvmsOfEightThreadsComputeEachOfTwentyKeysExactlyOnce() throws Exception {
		Path store = this.folder.resolve("store");
		Path runs = Files.createDirectory(this.folder.resolve("runs"));
		try (ChildProcess first = process(store, runs); ChildProcess second = process(store, runs)) {
			first.awaitLine("ready");
			second.awaitLine("ready");
			first.tell("go");
			second.tell("go");
			assertThat(first.awaitExit()).as(String.join("\n", first.lines())).isZero();
			assertThat(second.awaitExit()).as(String.join("\n", second.lines())).isZero();
			assertThat(first.lines()).contains("wrong results: 0");
			assertThat(second.lines()).contains("wrong results: 0");
		}
		Map<String, Long> runsPerKey = runsPerKey(runs);
		assertThat(runsPerKey).hasSize(KEYS).allSatisfy((key, count) -> assertThat(count).as("runs of key " + key).isOne());
	}

	@Test
	void aKilledHolderFreesItsKeyAtOnce(CapturedOutput output) throws Throwable {
		Path store = this.folder.resolve("store");
		Path runs = Files.createDirectory(this.folder.resolve("runs"));
		Squares squares = new Squares(runs);
		Runnable nothing = () -> {
		};
		try (ChildProcess holder = ChildProcess.java(SharedStoreProgram.class, store.toString(), runs.toString(), "hold", "7")) {
			holder.awaitLine("computing");
			CheckpointEngine impatient = engine(store, Duration.ZERO);
			assertThat(new EngineCalls(impatient).call(squares, "squareAfter", 7, nothing)).isEqualTo(49);
			assertThat(timeoutWarnings(output)).as("the other process holds the key's lock").isOne();
			impatient.administration().evictAll();
			holder.kill();
		}
		// Were the dead holder's lock still held, this would wait for two minutes and then warn.
		EngineCalls patient = new EngineCalls(engine(store, Duration.ofMinutes(2)));
		assertThat(patient.call(squares, "squareAfter", 7, nothing)).isEqualTo(49);
		assertThat(timeoutWarnings(output)).isOne();
		assertThat(runsPerKey(runs)).containsEntry("7", 3L);
	}

	private static int timeoutWarnings(CapturedOutput output) {
		return (int) output.toString().lines().filter((line) -> line.contains("(checkpointing.lock.timeout)")).count();
	}

	private static CheckpointEngine engine(Path store, Duration lockTimeout) {
		return CheckpointEngine.builder().backend(new FilesystemBackend(store)).lockTimeout(lockTimeout).build();
	}

	private static ChildProcess process(Path store, Path runs) throws IOException {
		return ChildProcess.java(SharedStoreProgram.class, store.toString(), runs.toString(), "threads", "8",
				String.valueOf(KEYS));
	}

	private static Map<String, Long> runsPerKey(Path runs) throws IOException {
		try (Stream<Path> files = Files.list(runs)) {
			List<String> keys = files.map((file) -> file.getFileName().toString().split("-")[0]).toList();
			return keys.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		}
	}

}
