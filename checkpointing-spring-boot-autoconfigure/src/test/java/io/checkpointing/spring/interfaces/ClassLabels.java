package io.checkpointing.spring.interfaces;

import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.Checkpoint;

public class ClassLabels implements Labels {

	final AtomicInteger runs = new AtomicInteger();

	@Override
	@Checkpoint(name = "class label")
	public String label(int number) {
		this.runs.incrementAndGet();
		return "#" + number;
	}

	public int runs() {
		return this.runs.get();
	}

}
