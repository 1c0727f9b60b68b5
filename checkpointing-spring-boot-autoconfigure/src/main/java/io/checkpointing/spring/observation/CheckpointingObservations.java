package io.checkpointing.spring.observation;

/**
 * The names and tags of checkpointing's observations, as documented in docs/observability.md.
 */
public final class CheckpointingObservations {

	/** The observation of a checkpointed call. */
	public static final String CALL = "checkpointing.call";

	/** The observations of its stages: {@code checkpointing.call.load}, {@code .compute}, {@code .store}. */
	public static final String STAGE_PREFIX = CALL + ".";

	/** Low cardinality: the method's display name. */
	public static final String METHOD = "method";

	/** Low cardinality: {@code hit}, {@code miss}, {@code rerun}, {@code bypass} or {@code error}. */
	public static final String RESULT = "result";

	/** High cardinality: the first characters of the call's key. */
	public static final String KEY = "key";

	private CheckpointingObservations() {
	}

}
