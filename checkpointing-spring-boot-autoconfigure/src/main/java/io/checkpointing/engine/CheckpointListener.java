package io.checkpointing.engine;

/**
 * Told what the engine does with each call; the Micrometer binder is one. Methods are called on
 * the calling thread and must be cheap. Methods are identified by their display name.
 */
public interface CheckpointListener {

	/** Listens to nothing. */
	CheckpointListener NONE = new CheckpointListener() {
	};

	/**
	 * A stored result was returned.
	 * @param method the display name
	 * @param loadNanos how long reading and decoding took
	 * @param savedNanos how long the method ran when the result was computed
	 */
	default void hit(String method, long loadNanos, long savedNanos) {
	}

	/**
	 * Nothing was stored for the call, so the method ran.
	 * @param method the display name
	 */
	default void miss(String method) {
	}

	/**
	 * The method ran because a rerun was requested.
	 * @param method the display name
	 */
	default void rerun(String method) {
	}

	/**
	 * The method ran without the store being read or written: its {@code condition} was false,
	 * the call was made inside {@link io.checkpointing.Checkpoints#bypass}, or an earlier result
	 * of the method turned out to be of a type its serializer cannot store.
	 * @param method the display name
	 */
	default void bypassed(String method) {
	}

	/**
	 * Checkpointing failed for a call; what happened next followed the error policy.
	 * @param method the display name
	 * @param failure what failed
	 */
	default void error(String method, Exception failure) {
	}

	/**
	 * The method's body ran to completion (normally or not).
	 * @param method the display name
	 * @param nanos how long it ran
	 */
	default void computed(String method, long nanos) {
	}

	/**
	 * A result was encoded and written.
	 * @param method the display name
	 * @param nanos how long encoding and writing took
	 */
	default void stored(String method, long nanos) {
	}

	/**
	 * A result was written: the size of its entry.
	 * @param method the display name
	 * @param bytes the size of the entry written (header, payload and signature)
	 */
	default void written(String method, long bytes) {
	}

}
