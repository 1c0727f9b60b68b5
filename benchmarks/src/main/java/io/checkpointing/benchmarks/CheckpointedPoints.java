package io.checkpointing.benchmarks;

import io.checkpointing.Checkpoint;

/** The small-value method, checkpointed. */
public class CheckpointedPoints {

	/**
	 * @param id the point's id
	 * @return the point
	 */
	@Checkpoint
	public Point point(int id) {
		return Point.of(id);
	}

}
