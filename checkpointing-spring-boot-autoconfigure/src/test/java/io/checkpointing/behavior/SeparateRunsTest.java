package io.checkpointing.behavior;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.behavior.program.CalcProgram;
import io.checkpointing.processes.ChildProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link CalcProgram} again and again, one run after the other, against one cache directory:
 * what one run stores, the next one finds. Covers the same-run cases P1–P4 of the behavior suite,
 * with Spring AOP proxies and with the AspectJ weaver agent ({@code checkpointing.mode=aspectj}),
 * and P5, an entry copied under another key between runs.
 *
 * <p>With the agent each run is a fresh JVM. With proxies each run is, as in the other behavior
 * cases, a class loader and an application context of its own in this JVM
 * ({@link ProgramInThisJvm}); {@link #resultsStoredWithProxiesAreFoundByTheWovenAspectAndBack}
 * hands results between this JVM and fresh ones, and {@link CrossJvmBehaviorTest} runs proxies
 * in fresh JVMs.
 */
@Tag("process")
class SeparateRunsTest {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource
	void aLaterRunSkipsTheMethodForTheSameArguments(Interception interception) throws Exception {
		assertThat(run(interception, "call", "0")).containsExactly("Running", "result: 0");
		assertThat(run(interception, "call", "0")).containsExactly("result: 0");
	}

	@ParameterizedTest
	@EnumSource
	void aLaterRunRunsTheMethodForOtherArguments(Interception interception) throws Exception {
		run(interception, "call", "0");
		assertThat(run(interception, "call", "1")).containsExactly("Running", "result: 1");
	}

	@ParameterizedTest
	@EnumSource
	void p1CallingTwiceInOneJvmRunsOnce(Interception interception) throws Exception {
		assertThat(run(interception, "call-twice", "5")).containsExactly("Running", "result: 5", "result: 5");
	}

	@ParameterizedTest
	@EnumSource
	void p2ARerunRunsAgainAndLaterCallsHitTheNewValue(Interception interception) throws Exception {
		run(interception, "call", "2");
		assertThat(run(interception, "rerun", "2")).containsExactly("Running", "result: 2");
		assertThat(run(interception, "call", "2")).containsExactly("result: 2");
	}

	@ParameterizedTest
	@EnumSource
	void p3AThrowingMethodStoresNothingAndRunsAgain(Interception interception) throws Exception {
		assertThat(run(interception, "throw-twice", "3")).containsExactly("Running", "caught: no result for 3", "Running",
				"caught: no result for 3");
	}

	@ParameterizedTest
	@EnumSource
	void p4NullIsStoredAndHit(Interception interception) throws Exception {
		assertThat(run(interception, "null", "4")).containsExactly("Running", "result: null");
		assertThat(run(interception, "null", "4")).containsExactly("result: null");
	}

	@Test
	void p5AnEntryCopiedOverAnotherKeysEntryRerunsThatKeyAndTheOriginalHits() throws Exception {
		run(Interception.PROXY, "call", "1");
		List<Path> stored = entryFiles();
		run(Interception.PROXY, "call", "2");
		Path two = entryFiles().stream().filter((file) -> !stored.contains(file)).findFirst().orElseThrow();
		Files.copy(stored.get(0), two, StandardCopyOption.REPLACE_EXISTING);
		List<String> copied = run(Interception.PROXY, "call", "2");
		assertThat(copied).as("must rerun: the copy holds the result of identity(1)").contains("Running", "result: 2")
			.doesNotContain("result: 1")
			.anyMatch((line) -> line.contains("is unusable and was deleted: it was written for another key"));
		assertThat(run(Interception.PROXY, "call", "2")).containsExactly("result: 2");
		assertThat(run(Interception.PROXY, "call", "1")).as("must hit").containsExactly("result: 1");
	}

	private List<Path> entryFiles() throws IOException {
		try (Stream<Path> files = Files.walk(this.directory)) {
			return files.filter((file) -> file.toString().endsWith(".ckpt")).toList();
		}
	}

	@Test
	void resultsStoredWithProxiesAreFoundByTheWovenAspectAndBack() throws Exception {
		assertThat(run(Interception.PROXY, "call", "6")).containsExactly("Running", "result: 6");
		assertThat(run(Interception.ASPECTJ, "call", "6")).containsExactly("result: 6");
		assertThat(run(Interception.ASPECTJ, "call", "7")).containsExactly("Running", "result: 7");
		assertThat(run(Interception.PROXY, "call", "7")).containsExactly("result: 7");
	}

	/** With proxies in this JVM, with the agent in a fresh JVM. */
	private List<String> run(Interception interception, String... arguments) throws IOException, InterruptedException {
		List<String> programArguments = new ArrayList<>(List.of(arguments));
		programArguments.addAll(ProgramVersion.quietSpringBoot(this.directory));
		programArguments.addAll(interception.programArguments());
		if (interception == Interception.PROXY) {
			return ProgramInThisJvm.run(CalcProgram.class, programArguments);
		}
		return ChildProcess.jvm(CalcProgram.class.getName())
			.options(interception.jvmOptions())
			.arguments(programArguments)
			.runToSuccess();
	}

}
