package io.checkpointing.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one whole entry, in the {@link EntryFormat}, into the stream a backend gives it: what
 * {@link CacheBackend#writeStream} stores. The entry is produced while it is written (the result
 * is serialized through the checksum into the stream), so it is never held whole in memory.
 */
@FunctionalInterface
public interface EntryWriter {

	/**
	 * Writes the entry. A backend calls this once per {@link CacheBackend#writeStream}.
	 * @param out where the entry's bytes go, from its first to its last; not to be closed
	 * @throws IOException if the entry cannot be produced or written; the backend then stores
	 * nothing
	 */
	void writeTo(OutputStream out) throws IOException;

}
