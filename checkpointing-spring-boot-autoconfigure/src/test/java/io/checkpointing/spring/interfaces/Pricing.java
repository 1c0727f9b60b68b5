package io.checkpointing.spring.interfaces;

import io.checkpointing.Checkpoint;

/** An application interface that declares its method checkpointed; its classes do not say so. */
public interface Pricing {

	@Checkpoint
	long price(int quantity);

}
