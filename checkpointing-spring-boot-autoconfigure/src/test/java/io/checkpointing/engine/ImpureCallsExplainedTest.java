package io.checkpointing.engine;

import java.nio.file.Path;

import io.checkpointing.Checkpoint;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** explain and the latest miss name the calls a method's key cannot see, unless acknowledged. */
class ImpureCallsExplainedTest {

	private static final String CLOCK = "Its code calls what its key cannot see: clock: java.lang.System#nanoTime from "
			+ "io.checkpointing.engine.ImpureCallsExplainedTest$Stamper line ";

	@TempDir
	Path directory;

	private final Stamper stamper = new Stamper();

	@Test
	void explainNamesTheClockAndWhereItIsRead() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.stamper, "stamp", 1);
		assertThat(engine.explain(() -> call(calls, "stamp", 1))).contains("the call would hit. " + CLOCK);
		assertThat(engine.explain(() -> call(calls, "stamp", 2))).startsWith("Not stored: ").contains(CLOCK);
	}

	@Test
	void theLatestMissNamesItForTheEndpoint() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.stamper, "stamp", 1);
		calls.call(this.stamper, "stamp", 2);
		assertThat(engine.administration().explainLastMiss("Stamper#stamp")).hasValueSatisfying(
				(explanation) -> assertThat(explanation).contains(CLOCK));
	}

	@Test
	void anAcknowledgedCallIsNotNamed() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.stamper, "timed", 1);
		assertThat(engine.explain(() -> call(calls, "timed", 1))).endsWith("the call would hit");
	}

	@Test
	void anAcknowledgementThatNamesNothingIsNamedInstead() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.stamper, "misspelled", 1);
		assertThat(engine.explain(() -> call(calls, "misspelled", 1))).contains(CLOCK)
			.contains("@Checkpoint(acknowledge) of Stamper#misspelled names [clok, nanoTime], which acknowledge nothing");
	}

	private void call(EngineCalls calls, String name, int argument) {
		try {
			calls.call(this.stamper, name, argument);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static class Stamper {

		@Checkpoint
		public long stamp(int a) {
			return a + System.nanoTime() / Long.MAX_VALUE;
		}

		@Checkpoint(acknowledge = { "clok", "nanoTime" })
		public long misspelled(int a) {
			return a + System.nanoTime() / Long.MAX_VALUE;
		}

		@Checkpoint(acknowledge = "java.lang.System#nanoTime")
		public long timed(int a) {
			long start = System.nanoTime();
			return a + (System.nanoTime() - start) / Long.MAX_VALUE;
		}

	}

}
