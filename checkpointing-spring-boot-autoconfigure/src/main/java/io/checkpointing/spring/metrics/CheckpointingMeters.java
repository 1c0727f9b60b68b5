package io.checkpointing.spring.metrics;

/**
 * The names, tags and tag values of the meters checkpointing registers. Every meter has the tag
 * {@value #METHOD_TAG}: the display name of the checkpointed method.
 */
public final class CheckpointingMeters {

	/**
	 * Counter of calls of checkpointed methods, tagged {@value #METHOD_TAG} and
	 * {@value #RESULT_TAG} ({@value #HIT}, {@value #MISS}, {@value #RERUN} or {@value #ERROR}).
	 * Prometheus: {@code checkpointing_calls_total}.
	 */
	public static final String CALLS = "checkpointing.calls";

	/**
	 * Timer of method bodies that ran (misses and reruns), whether they returned or threw.
	 * Prometheus: {@code checkpointing_compute_seconds}.
	 */
	public static final String COMPUTE = "checkpointing.compute";

	/**
	 * Timer of reading and decoding stored results, on hits. Prometheus:
	 * {@code checkpointing_load_seconds}.
	 */
	public static final String LOAD = "checkpointing.load";

	/**
	 * Timer of encoding and writing results after they were computed. Prometheus:
	 * {@code checkpointing_store_seconds}.
	 */
	public static final String STORE = "checkpointing.store";

	/**
	 * Counter, in seconds, of the compute time hits saved: each hit adds how long the method ran
	 * when its result was computed. Prometheus: {@code checkpointing_time_saved_seconds_total}.
	 */
	public static final String TIME_SAVED = "checkpointing.time.saved";

	/**
	 * Distribution summary, in bytes, of the size of the entries written (header, payload and
	 * signature). Prometheus: {@code checkpointing_entry_size_bytes}.
	 */
	public static final String ENTRY_SIZE = "checkpointing.entry.size";

	/**
	 * Gauge: 1 while the circuit breaker of the store is open (the store is skipped, or one call
	 * probes it), 0 while it is closed. Tagged {@value #STORE_TAG}; only stores reached over the
	 * network have a breaker. Prometheus: {@code checkpointing_breaker_open}.
	 */
	public static final String BREAKER_OPEN = "checkpointing.breaker.open";

	/** The tag of {@value #BREAKER_OPEN} that holds the store's location. */
	public static final String STORE_TAG = "store";

	/** The tag of every meter that holds the method's display name. */
	public static final String METHOD_TAG = "method";

	/** The tag of {@value #CALLS} that says what happened to the call. */
	public static final String RESULT_TAG = "result";

	/** {@value #RESULT_TAG} of a call answered from the store. */
	public static final String HIT = "hit";

	/** {@value #RESULT_TAG} of a call that ran the method because nothing was stored. */
	public static final String MISS = "miss";

	/** {@value #RESULT_TAG} of a call that ran the method because a rerun was requested. */
	public static final String RERUN = "rerun";

	/**
	 * {@value #RESULT_TAG} of a failure of checkpointing itself; the call then followed the
	 * method's error policy. A call can count twice, for example as a {@value #MISS} whose result
	 * could not be stored.
	 */
	public static final String ERROR = "error";

	private CheckpointingMeters() {
	}

}
