package io.checkpointing.engine;

import java.util.ArrayList;
import java.util.List;

import io.checkpointing.CheckpointException;

/**
 * Marks the calls made inside {@link io.checkpointing.Checkpoints#explain}: they are identified
 * and explained, never run.
 */
final class ExplainScope {

	private final ThreadLocal<List<String>> explanations = new ThreadLocal<>();

	boolean isActive() {
		return this.explanations.get() != null;
	}

	void record(String explanation) {
		this.explanations.get().add(explanation);
	}

	String explaining(Runnable call) {
		List<String> previous = this.explanations.get();
		List<String> collected = new ArrayList<>();
		this.explanations.set(collected);
		try {
			call.run();
		}
		finally {
			this.explanations.set(previous);
		}
		if (collected.isEmpty()) {
			throw new CheckpointException("explain(...) saw no checkpointed call: call a @Checkpoint method of a Spring bean"
					+ " (through its proxy) inside the lambda");
		}
		return String.join("\n", collected);
	}

}
