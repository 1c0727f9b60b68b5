package io.checkpointing.behavior.program;

import io.checkpointing.Checkpoint;

/** Not a bean: created with {@code new}. Its checkpointed method reads a field, part of the key. */
public class Counter {

	private final int start;

	public Counter(int start) {
		this.start = start;
	}

	@Checkpoint
	public int plus(int step) {
		System.out.println("Running plus");
		return this.start + step;
	}

}
