package io.checkpointing.behavior;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.checkpointing.behavior.program.CalcProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link CalcProgram} in fresh JVMs, one after the other, against one cache directory: what
 * one JVM stores, the next one finds. Covers the same-run cases P1–P4 of the behavior suite.
 */
class SeparateJvmRunsTest {

	@TempDir
	Path directory;

	@Test
	void aLaterJvmSkipsTheMethodForTheSameArguments() throws Exception {
		assertThat(run("call", "0")).containsExactly("Running", "result: 0");
		assertThat(run("call", "0")).containsExactly("result: 0");
	}

	@Test
	void aLaterJvmRunsTheMethodForOtherArguments() throws Exception {
		run("call", "0");
		assertThat(run("call", "1")).containsExactly("Running", "result: 1");
	}

	@Test
	void p1CallingTwiceInOneJvmRunsOnce() throws Exception {
		assertThat(run("call-twice", "5")).containsExactly("Running", "result: 5", "result: 5");
	}

	@Test
	void p2ARerunRunsAgainAndLaterCallsHitTheNewValue() throws Exception {
		run("call", "2");
		assertThat(run("rerun", "2")).containsExactly("Running", "result: 2");
		assertThat(run("call", "2")).containsExactly("result: 2");
	}

	@Test
	void p3AThrowingMethodStoresNothingAndRunsAgain() throws Exception {
		assertThat(run("throw-twice", "3")).containsExactly("Running", "caught: no result for 3", "Running",
				"caught: no result for 3");
	}

	@Test
	void p4NullIsStoredAndHit() throws Exception {
		assertThat(run("null", "4")).containsExactly("Running", "result: null");
		assertThat(run("null", "4")).containsExactly("result: null");
	}

	private List<String> run(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
				CalcProgram.class.getName()));
		command.addAll(List.of(arguments));
		command.add("--checkpointing.directory=" + this.directory);
		command.add("--logging.level.root=WARN");
		command.add("--spring.main.banner-mode=off");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output.lines().filter((line) -> !line.isBlank()).toList();
	}

}
