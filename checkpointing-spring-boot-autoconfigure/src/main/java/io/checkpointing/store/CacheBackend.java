package io.checkpointing.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;

/**
 * Persists entries: opaque bytes in the {@link EntryFormat}, one per {@link CallKey}. The
 * engine verifies and decodes what a backend returns, so a backend only moves bytes. Each entry
 * records the key it was written for, and one returned for another key is refused as damaged.
 *
 * <p>Implementations must be thread-safe, and a reader must never see a partially written
 * entry: {@link #read} returns a whole entry or nothing.
 *
 * <p>The engine reads and writes entries as streams ({@link #readStream}, {@link #writeStream}),
 * so that a large result is never held twice in the heap: once as the value, once as its bytes.
 * Their defaults go through {@link #read} and {@link #write}, which hold a whole entry; a backend
 * that can stream overrides them. {@link #read} and {@link #write} stay for tools that move whole
 * entries, and as the simplest way to write a backend.
 *
 * <p>A store that several processes share overrides {@link #tryLock} so that a miss is computed
 * by one of them while the others wait for its entry.
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
	 * Opens the entry of a key for reading. The engine reads the stream once, from its first byte
	 * to its end, and closes it. A stream that is a {@link ByteBufferInputStream} is taken as the
	 * buffer it reads, decoded in place (a mapped file, a memory store); the default returns
	 * {@link #read} as one.
	 * @param key the call
	 * @return the entry's bytes, from its first to its last, or empty if there is none
	 * @throws IOException if the store cannot be read
	 */
	default Optional<InputStream> readStream(CallKey key) throws IOException {
		return read(key).map(ByteBufferInputStream::new);
	}

	/**
	 * Reads the start of a key's entry, its whole header included, and not its payload: for
	 * {@code Checkpoints.contains} and for refreshes, which need to know whether an entry is there
	 * and what its header says, not its result. Nothing is verified. The default opens
	 * {@link #readStream} and closes it after the header ({@link EntryFormat#readHead}); a backend
	 * that can read part of an entry overrides it.
	 * @param key the call
	 * @return the entry's first bytes, from position 0, up to the end of its header if it is
	 * intact, or empty if there is no entry
	 * @throws IOException if the store cannot be read
	 */
	default Optional<ByteBuffer> readHead(CallKey key) throws IOException {
		Optional<InputStream> entry = readStream(key);
		if (entry.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = entry.get()) {
			return Optional.of(EntryFormat.readHead(in));
		}
	}

	/**
	 * Stores an entry that {@code entry} writes while it is stored, replacing any entry of the
	 * same key. Readers see the old entry or the new one, never a part: a backend makes the entry
	 * visible only once {@link EntryWriter#writeTo} returned, and stores nothing if it throws. The
	 * default collects the entry in the heap and hands it to {@link #write}.
	 * @param key the call
	 * @param entry writes the whole entry, once
	 * @throws IOException if the entry cannot be written, or the store refuses it
	 */
	default void writeStream(CallKey key, EntryWriter entry) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		entry.writeTo(bytes);
		write(key, ByteBuffer.wrap(bytes.toByteArray()));
	}

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
	 * Tries to take the right to compute a key in every process that shares this store. The
	 * engine calls it on a miss, after the threads of this process agreed on one of them; while
	 * another process holds the lock, the engine waits for that process's entry to appear and
	 * tries again. The default suits a store that only this process uses.
	 * @param key the call about to be computed
	 * @return the lock, to be closed once the entry is stored (or the computation failed); empty
	 * if another process holds it now
	 * @throws IOException if the store cannot be reached
	 */
	default Optional<KeyLock> tryLock(CallKey key) throws IOException {
		return Optional.of(KeyLock.UNSHARED);
	}

	/**
	 * @return where the entries live, for logs and the Actuator endpoint (a directory, a URL)
	 */
	String location();

}
