package io.checkpointing.store;

import io.checkpointing.key.CallKey;

/**
 * An entry as a backend lists it.
 * @param key the call it belongs to
 * @param size its size in the store, header included, in bytes
 * @param header its header
 */
public record StoredEntry(CallKey key, long size, EntryHeader header) {

}
