package io.checkpointing.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * What the engine did with the calls of every method in one minute.
 * @param minute the start of the minute
 * @param hits calls answered from the store
 * @param misses calls that ran the method because nothing was stored
 * @param timeSaved how long the methods ran when the results that the hits returned were computed
 */
public record MinuteCounts(Instant minute, long hits, long misses, Duration timeSaved) {

}
