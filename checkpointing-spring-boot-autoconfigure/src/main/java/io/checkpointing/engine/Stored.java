package io.checkpointing.engine;

import org.jspecify.annotations.Nullable;

/**
 * A stored value, which may be {@code null}, told apart from a miss.
 * @param value the decoded value
 */
record Stored(@Nullable Object value) {

}
