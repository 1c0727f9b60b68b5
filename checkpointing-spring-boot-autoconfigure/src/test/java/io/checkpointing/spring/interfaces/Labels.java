package io.checkpointing.spring.interfaces;

import io.checkpointing.Checkpoint;

/** Declared on the interface under one name, and on its class under another. */
public interface Labels {

	@Checkpoint(name = "interface label")
	String label(int number);

}
