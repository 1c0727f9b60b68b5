package io.checkpointing.store;

import java.nio.ByteBuffer;

/**
 * A decoded, verified entry.
 * @param header what the entry says about itself
 * @param payload the serialized result, positioned at its first byte
 */
public record Entry(EntryHeader header, ByteBuffer payload) {

}
