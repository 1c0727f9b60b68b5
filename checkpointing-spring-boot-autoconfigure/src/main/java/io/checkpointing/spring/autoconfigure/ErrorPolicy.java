package io.checkpointing.spring.autoconfigure;

import io.checkpointing.OnError;

/**
 * The application-wide error policies: {@link OnError} without {@code INHERIT}, which only
 * {@code @Checkpoint(onError = ...)} can use.
 */
public enum ErrorPolicy {

	/** Log the failure once per method and cause, then run the method plainly. */
	WARN(OnError.WARN),

	/** Throw a CheckpointException. */
	RAISE(OnError.RAISE),

	/** Run the method plainly and say nothing. */
	IGNORE(OnError.IGNORE);

	private final OnError onError;

	ErrorPolicy(OnError onError) {
		this.onError = onError;
	}

	/** @return the same policy, as the engine takes it */
	public OnError toOnError() {
		return this.onError;
	}

}
