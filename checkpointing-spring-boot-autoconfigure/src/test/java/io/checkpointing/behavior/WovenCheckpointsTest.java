package io.checkpointing.behavior;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.checkpointing.behavior.program.WovenProgram;
import io.checkpointing.processes.ChildProcess;
import io.checkpointing.processes.UnusedAutoConfigurations;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link WovenProgram}, a Spring Boot application, in fresh JVMs with the AspectJ weaver
 * agent of the test class path: in {@code checkpointing.mode=aspectj} self-invocation, private and
 * static methods and objects created with {@code new} are checkpointed, each once; in
 * {@code proxy} mode the agent changes nothing. Without the agent, the runs are class loaders and
 * application contexts of their own in this JVM ({@link ProgramInThisJvm}).
 */
@Tag("process")
class WovenCheckpointsTest {

	@TempDir
	Path directory;

	@Test
	void withTheAgentEachKindOfCallRunsOnceAcrossTwoJvms() throws Exception {
		assertThat(run(Interception.ASPECTJ)).containsExactly("Running square", "self: 9", "Running cube", "private: 27",
				"Running negate", "static: -3", "Running plus", "new: 4", "bean: 9",
				"counted Counter#plus: 0 hits, 1 misses, 0 errors", "counted Steps#cube: 0 hits, 1 misses, 0 errors",
				"counted Steps#negate: 0 hits, 1 misses, 0 errors", "counted Steps#square: 1 hits, 1 misses, 0 errors");
		assertThat(run(Interception.ASPECTJ)).containsExactly("self: 9", "private: 27", "static: -3", "new: 4", "bean: 9",
				"counted Counter#plus: 1 hits, 0 misses, 0 errors", "counted Steps#cube: 1 hits, 0 misses, 0 errors",
				"counted Steps#negate: 1 hits, 0 misses, 0 errors", "counted Steps#square: 2 hits, 0 misses, 0 errors");
	}

	@Test
	void inProxyModeTheAgentAdvisesNothingTwiceAndSeesOnlyCallsThroughTheBean() throws Exception {
		List<String> expectedFirst = List.of("Running square", "self: 9", "Running cube", "private: 27", "Running negate",
				"static: -3", "Running plus", "new: 4", "Running square", "bean: 9",
				"counted Steps#square: 0 hits, 1 misses, 0 errors");
		List<String> expectedSecond = List.of("Running square", "self: 9", "Running cube", "private: 27",
				"Running negate", "static: -3", "Running plus", "new: 4", "bean: 9",
				"counted Steps#square: 1 hits, 0 misses, 0 errors");
		List<String> withAgent = new ArrayList<>(Interception.ASPECTJ.jvmOptions());
		assertThat(run(withAgent, List.of())).isEqualTo(expectedFirst);
		assertThat(run(withAgent, List.of())).isEqualTo(expectedSecond);
	}

	/** Without the agent, no JVM of its own is needed: each run is a class loader and context in this JVM. */
	@Test
	void inProxyModeWithoutTheAgentOnlyCallsThroughTheBeanAreCheckpointed() throws Exception {
		assertThat(runInThisJvm()).contains("Running square", "bean: 9",
				"counted Steps#square: 0 hits, 1 misses, 0 errors");
		assertThat(runInThisJvm()).contains("bean: 9", "counted Steps#square: 1 hits, 0 misses, 0 errors");
	}

	private List<String> run(Interception interception) throws IOException, InterruptedException {
		return run(interception.jvmOptions(), interception.programArguments());
	}

	private List<String> runInThisJvm() throws IOException {
		List<String> arguments = new ArrayList<>(List.of("3"));
		arguments.addAll(ProgramVersion.quietSpringBoot(this.directory));
		return ProgramInThisJvm.run(WovenProgram.class, arguments);
	}

	private List<String> run(List<String> jvmOptions, List<String> modeArguments)
			throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(List.of("3"));
		arguments.addAll(ProgramVersion.quietSpringBoot(this.directory));
		arguments.addAll(modeArguments);
		return ChildProcess.jvm(WovenProgram.class.getName())
			.options(jvmOptions)
			.options(UnusedAutoConfigurations.option())
			.arguments(arguments)
			.runToSuccess();
	}

}
