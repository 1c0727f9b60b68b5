package io.checkpointing.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;

/**
 * Persists entries: opaque bytes in the {@link EntryFormat}, one per {@link CallKey}. The
 * engine verifies and decodes what a backend returns, so a backend only moves bytes.
 *
 * <p>Implementations must be thread-safe, and a reader must never see a partially written
 * entry: {@link #read} returns a whole entry or nothing.
 */
public interface CacheBackend {

	/**
	 * @param key the call
	 * @return the entry stored for the key, or empty if there is none
	 * @throws IOException if the store cannot be read
	 */
	Optional<ByteBuffer> read(CallKey key) throws IOException;

	/**
	 * Stores an entry, replacing any entry of the same key.
	 * @param key the call
	 * @param entry the entry, from its position to its limit
	 * @throws IOException if the store cannot be written
	 */
	void write(CallKey key, ByteBuffer entry) throws IOException;

	/**
	 * @param key the call
	 * @return whether an entry was removed
	 * @throws IOException if the store cannot be written
	 */
	boolean delete(CallKey key) throws IOException;

	/**
	 * Lists the stored entries with their headers. Entries whose header cannot be read are left
	 * out. The stream may hold open resources: close it.
	 * @return the entries
	 * @throws IOException if the store cannot be read
	 */
	Stream<StoredEntry> list() throws IOException;

	/**
	 * Removes every entry.
	 * @throws IOException if the store cannot be written
	 */
	void clear() throws IOException;

	/**
	 * @return where the entries live, for logs and the Actuator endpoint (a directory, a URL)
	 */
	String location();

}
