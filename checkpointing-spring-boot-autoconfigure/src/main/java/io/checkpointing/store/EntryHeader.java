package io.checkpointing.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.checkpointing.key.KeyComponent;

/**
 * What an entry says about itself, readable without its payload: enough to list, explain and
 * account for entries.
 * @param serializerId the serializer that wrote the payload
 * @param methodName the display name of the checkpointed method
 * @param created when the result was computed
 * @param computeDuration how long the method ran: the time each hit saves
 * @param argumentSummary a short, human-readable rendering of the arguments
 * @param payloadLength the payload's size in bytes
 * @param components the parts of the entry's key, to explain later misses
 */
public record EntryHeader(String serializerId, String methodName, Instant created, Duration computeDuration,
		String argumentSummary, long payloadLength, List<KeyComponent> components) {

	public EntryHeader {
		components = List.copyOf(components);
	}

}
