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
import io.checkpointing.processes.UnusedAutoConfigurations;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link CalcProgram} again and again, one run after the other, against one cache directory:
 * what one run stores, the next one finds. Covers the same-run cases P1–P4 of the behavior suite,
 * with Spring AOP proxies and with the AspectJ weaver agent ({@code checkpointing.mode=aspectj}),
 * and P5, an entry copied under another key between runs.
 *
 * <p>With proxies each run is, as in the other behavior cases, a class loader and an application
 * context of its own in this JVM ({@link ProgramInThisJvm}), and each case is a test of its own.
 * With the agent each run is a fresh JVM, whose start costs 12–14 s of CPU: so two runs carry
 * every case, each case on numbers of its own, between runs with proxies in this JVM that hand
 * results to the woven aspect and take them back ({@link #withTheAgentEachCaseHoldsAcrossRunsAndProxiesShareTheEntries}).
 * {@link CrossJvmBehaviorTest} runs proxies in fresh JVMs.
 */
@Tag("process")
class SeparateRunsTest {

	@TempDir
	Path directory;

	@Test
	void aLaterRunSkipsTheMethodForTheSameArguments() throws Exception {
		assertThat(run(Interception.PROXY, "call", "0")).containsExactly("Running", "result: 0");
		assertThat(run(Interception.PROXY, "call", "0")).containsExactly("result: 0");
	}

	@Test
	void aLaterRunRunsTheMethodForOtherArguments() throws Exception {
		run(Interception.PROXY, "call", "0");
		assertThat(run(Interception.PROXY, "call", "1")).containsExactly("Running", "result: 1");
	}

	@Test
	void p1CallingTwiceInOneJvmRunsOnce() throws Exception {
		assertThat(run(Interception.PROXY, "call-twice", "5")).containsExactly("Running", "result: 5", "result: 5");
	}

	@Test
	void p2ARerunRunsAgainAndLaterCallsHitTheNewValue() throws Exception {
		run(Interception.PROXY, "call", "2");
		assertThat(run(Interception.PROXY, "rerun", "2")).containsExactly("Running", "result: 2");
		assertThat(run(Interception.PROXY, "call", "2")).containsExactly("result: 2");
	}

	@Test
	void p3AThrowingMethodStoresNothingAndRunsAgain() throws Exception {
		assertThat(run(Interception.PROXY, "throw-twice", "3")).containsExactly("Running", "caught: no result for 3",
				"Running", "caught: no result for 3");
	}

	@Test
	void p4NullIsStoredAndHit() throws Exception {
		assertThat(run(Interception.PROXY, "null", "4")).containsExactly("Running", "result: null");
		assertThat(run(Interception.PROXY, "null", "4")).containsExactly("result: null");
	}

	/**
	 * The cases above with the agent, in two woven runs: a later run skips the method for the same
	 * arguments (0) and runs it for others (10, then 11), P1 (5), P2 (2: stored, rerun, then hit in
	 * the same and in a later run), P3 (3), P4 (4). Proxies store 6 before, which the woven aspect
	 * finds, and find 7 and 2 afterwards, which it stored.
	 */
	@Test
	void withTheAgentEachCaseHoldsAcrossRunsAndProxiesShareTheEntries() throws Exception {
		assertThat(run(Interception.PROXY, "call", "6")).containsExactly("Running", "result: 6");
		assertThat(run(Interception.ASPECTJ, "call", "0", "call", "10", "call-twice", "5", "call", "2", "throw-twice", "3",
				"null", "4", "call", "6"))
			.containsExactly("Running", "result: 0", "Running", "result: 10", "Running", "result: 5", "result: 5",
					"Running", "result: 2", "Running", "caught: no result for 3", "Running", "caught: no result for 3",
					"Running", "result: null", "result: 6");
		assertThat(run(Interception.ASPECTJ, "call", "0", "call", "11", "rerun", "2", "call", "2", "null", "4", "call", "7"))
			.containsExactly("result: 0", "Running", "result: 11", "Running", "result: 2", "result: 2", "result: null",
					"Running", "result: 7");
		assertThat(run(Interception.PROXY, "call", "7", "call", "2")).containsExactly("result: 7", "result: 2");
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
			.options(UnusedAutoConfigurations.option())
			.arguments(programArguments)
			.runToSuccess();
	}

}
