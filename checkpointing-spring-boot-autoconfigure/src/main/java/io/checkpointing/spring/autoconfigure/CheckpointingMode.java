package io.checkpointing.spring.autoconfigure;

/** How checkpointed methods are intercepted. */
public enum CheckpointingMode {

	/** Spring AOP proxies: calls that go through a bean reference. */
	PROXY,

	/** AspectJ weaving (load-time agent or ajc): every execution of a checkpointed method. */
	ASPECTJ

}
