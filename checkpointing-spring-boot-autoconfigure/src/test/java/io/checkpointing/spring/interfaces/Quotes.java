package io.checkpointing.spring.interfaces;

import io.checkpointing.Checkpoint;

/** Answered by a JDK proxy of the application's own handler: there is no class to read. */
public interface Quotes {

	@Checkpoint
	String quote(String symbol);

}
