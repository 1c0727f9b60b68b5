package io.checkpointing.reliability;

import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.Checkpoint;

/** A checkpointed class for fault tests: results of any size; counts how often its bodies run. */
public class Texts {

	final AtomicInteger runs = new AtomicInteger();

	@Checkpoint
	public String repeat(String text, int times) {
		this.runs.incrementAndGet();
		return text.repeat(times);
	}

	@Checkpoint(name = "../../escaped")
	public String climbing(int value) {
		this.runs.incrementAndGet();
		return "climbing " + value;
	}

	@Checkpoint(name = "/tmp/absolute")
	public String absolute(int value) {
		this.runs.incrementAndGet();
		return "absolute " + value;
	}

	/** @return how often a body ran */
	public int runs() {
		return this.runs.get();
	}

}
