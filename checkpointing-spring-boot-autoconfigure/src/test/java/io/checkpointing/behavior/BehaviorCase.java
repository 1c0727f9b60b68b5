package io.checkpointing.behavior;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case of the behavior suite: version 1 of a program runs in a fresh JVM against an empty
 * cache directory, then version 2 runs in another fresh JVM against the same directory.
 */
final class BehaviorCase {

	private final ProgramVersion first;

	private final ProgramVersion second;

	private BehaviorCase(ProgramVersion first, ProgramVersion second) {
		this.first = first;
		this.second = second;
	}

	static BehaviorCase from(ProgramVersion first) {
		return new BehaviorCase(first, first);
	}

	BehaviorCase to(ProgramVersion second) {
		return new BehaviorCase(this.first, second);
	}

	/** Asserts that version 2 prints {@code result} without running the method. */
	void hits(Path workspace, String result) throws Exception {
		assertThat(runBoth(workspace)).containsExactly(result);
	}

	/** Asserts that version 2 runs the method again and prints the new {@code result}. */
	void reruns(Path workspace, String result) throws Exception {
		assertThat(runBoth(workspace)).containsExactly("Running", result);
	}

	private List<String> runBoth(Path workspace) throws Exception {
		Path cache = workspace.resolve("cache");
		List<String> firstOutput = this.first.compileAndRun(workspace.resolve("v1"), cache);
		assertThat(firstOutput).as("version 1 runs the method").first().isEqualTo("Running");
		return this.second.compileAndRun(workspace.resolve("v2"), cache);
	}

}
