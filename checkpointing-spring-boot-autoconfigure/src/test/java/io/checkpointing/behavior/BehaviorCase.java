package io.checkpointing.behavior;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case of the behavior suite: version 1 of a program runs against an empty cache directory,
 * then version 2 runs against the same directory. Each run has a class loader and an
 * application context of its own in this JVM, as a fresh JVM would ({@link ProgramInThisJvm});
 * {@link #inSeparateJvms()} runs each in a fresh JVM instead.
 */
final class BehaviorCase {

	private final ProgramVersion first;

	private final ProgramVersion second;

	private final boolean separateJvms;

	private BehaviorCase(ProgramVersion first, ProgramVersion second, boolean separateJvms) {
		this.first = first;
		this.second = second;
		this.separateJvms = separateJvms;
	}

	static BehaviorCase from(ProgramVersion first) {
		return new BehaviorCase(first, first, false);
	}

	BehaviorCase to(ProgramVersion second) {
		return new BehaviorCase(this.first, second, this.separateJvms);
	}

	/** @return this case, each version run in a fresh JVM */
	BehaviorCase inSeparateJvms() {
		return new BehaviorCase(this.first, this.second, true);
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
		List<String> firstOutput = run(this.first, cache);
		assertThat(firstOutput).as("version 1 runs the method").first().isEqualTo("Running");
		return run(this.second, cache);
	}

	private List<String> run(ProgramVersion version, Path cache) throws Exception {
		return this.separateJvms ? version.runInSeparateJvm(cache) : version.runInThisJvm(cache);
	}

}
