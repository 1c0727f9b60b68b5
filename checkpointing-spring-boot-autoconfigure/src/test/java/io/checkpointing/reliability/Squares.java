package io.checkpointing.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.checkpointing.Checkpoint;

/**
 * A checkpointed class for tests across processes: each run of a body leaves a file in a folder
 * that every process shares, so the test counts runs over all of them.
 */
public class Squares {

	private final Path runs;

	/** @param runs the shared folder that records runs */
	public Squares(Path runs) {
		this.runs = runs;
	}

	@Checkpoint
	public int square(int value) throws InterruptedException {
		recordRun(value);
		// Long enough for the other process's threads to miss the same key meanwhile.
		Thread.sleep(20);
		return value * value;
	}

	@Checkpoint
	public int squareAfter(int value, @Checkpoint.Ignore Runnable before) {
		recordRun(value);
		before.run();
		return value * value;
	}

	private void recordRun(int value) {
		try {
			Files.createFile(this.runs.resolve(value + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
					+ UUID.randomUUID()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
