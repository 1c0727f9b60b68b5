package io.checkpointing.fleet.program;

/** Counts method runs in the store that the fleet shares, so the count covers every process. */
public interface RunCounter {

	void increment();

}
