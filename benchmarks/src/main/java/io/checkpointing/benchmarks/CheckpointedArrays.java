package io.checkpointing.benchmarks;

import io.checkpointing.Checkpoint;

/** The large-value method, checkpointed: it returns the array it is handed, which is not part of the key. */
public class CheckpointedArrays {

	/**
	 * @param id the key
	 * @param data the result
	 * @return {@code data}
	 */
	@Checkpoint
	public double[] series(int id, @Checkpoint.Ignore double[] data) {
		return data;
	}

}
