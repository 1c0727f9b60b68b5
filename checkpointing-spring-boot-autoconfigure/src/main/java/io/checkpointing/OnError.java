package io.checkpointing;

/**
 * What happens when checkpointing itself fails. Exceptions thrown by the checkpointed method are
 * never affected: they always reach the caller unchanged.
 */
public enum OnError {

	/** Log the failure once per method and cause, then run the method as if it were not checkpointed. */
	WARN,

	/** Throw a {@link CheckpointException} that carries the cause. */
	RAISE,

	/** Run the method as if it were not checkpointed and say nothing. */
	IGNORE,

	/** Use the application-wide policy ({@code checkpointing.on-error}); only meaningful on {@link Checkpoint#onError()}. */
	INHERIT

}
