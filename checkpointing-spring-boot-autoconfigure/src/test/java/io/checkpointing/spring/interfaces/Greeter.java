package io.checkpointing.spring.interfaces;

import io.checkpointing.Checkpoint;

/** A checkpointed default method whose result depends on the class that inherits it. */
public interface Greeter {

	String language();

	@Checkpoint
	default String greet(String name) {
		return language() + ": " + name;
	}

}
