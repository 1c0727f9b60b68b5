package io.checkpointing.behavior.program;

import io.checkpointing.Checkpoint;

import org.springframework.stereotype.Component;

/** Prints {@code Running} whenever a method body runs, as in the behavior cases. */
@Component
public class Calc {

	@Checkpoint
	public int identity(int a) {
		System.out.println("Running");
		return a;
	}

	@Checkpoint
	public int fail(int a) {
		System.out.println("Running");
		throw new IllegalArgumentException("no result for " + a);
	}

	@Checkpoint
	public String nothing(int a) {
		System.out.println("Running");
		return null;
	}

}
