package io.checkpointing.engine;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored value, which may be {@code null}, told apart from a miss.
 * @param value the decoded value
 * @param created when it was stored
 */
record Stored(@Nullable Object value, Instant created) {

}
