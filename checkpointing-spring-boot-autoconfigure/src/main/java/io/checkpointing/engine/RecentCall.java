package io.checkpointing.engine;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One recent call of a checkpointed method, as {@link RecentCalls} keeps it for the console.
 * @param time when the call started
 * @param outcome what the engine did with it
 * @param duration how long the call took, the method's run included on a miss or rerun; for an
 * error, until its key could not be computed (the method then runs plainly)
 * @param keyPrefix the first 12 hexadecimal digits of the call's key; empty for a hit that the
 * memory tier answered by the call's arguments, before any key was computed
 * @param explanation for a miss, why it ran: what differs from the nearest entry of the method
 * stored before it (as {@link io.checkpointing.Checkpoints#explain} says it); {@code null} for
 * other outcomes
 */
public record RecentCall(Instant time, Outcome outcome, Duration duration, String keyPrefix,
		@Nullable String explanation) {

	/** What the engine did with a call. */
	public enum Outcome {

		/** A stored result was returned. */
		HIT,

		/** Nothing was stored for the call, so the method ran and its result was stored. */
		MISS,

		/** The method ran because a rerun was requested. */
		RERUN,

		/** A stale result was returned and the method ran in the background to replace it ({@code refreshAfter}). */
		REFRESH,

		/** The call could not be identified (its key could not be computed), so the method ran plainly. */
		ERROR

	}

}
