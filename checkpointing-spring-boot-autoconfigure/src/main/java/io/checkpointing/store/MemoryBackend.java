package io.checkpointing.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;

/**
 * Keeps entries in this JVM's heap, as encoded bytes; for tests and for short-lived programs
 * that only want single-flight memoization. Nothing survives the JVM.
 */
public final class MemoryBackend implements CacheBackend {

	/** Each entry from its position to its limit; never handed out but as a read-only view. */
	private final ConcurrentMap<CallKey, ByteBuffer> entries = new ConcurrentHashMap<>();

	@Override
	public Optional<ByteBuffer> read(CallKey key) {
		ByteBuffer entry = this.entries.get(key);
		return (entry != null) ? Optional.of(entry.asReadOnlyBuffer()) : Optional.empty();
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) {
		byte[] copy = new byte[entry.remaining()];
		entry.duplicate().get(copy);
		this.entries.put(key, ByteBuffer.wrap(copy));
	}

	/**
	 * Keeps the buffer the entry is written into, sized at once when the serializer tells the
	 * payload's size: the heap holds the entry once beside the result, where the default (a growing
	 * buffer, its copy, and the copy {@link #write} keeps) held it up to four times.
	 */
	@Override
	public void writeStream(CallKey key, EntryWriter entry) throws IOException {
		EntryBuffer bytes = new EntryBuffer();
		entry.writeTo(bytes);
		this.entries.put(key, bytes.toByteBuffer());
	}

	@Override
	public boolean delete(CallKey key) {
		return this.entries.remove(key) != null;
	}

	@Override
	public Stream<StoredEntry> list() {
		return this.entries.entrySet().stream().flatMap((stored) -> {
			try {
				ByteBuffer entry = stored.getValue().duplicate();
				EntryHeader header = EntryFormat.readHeader(new ByteBufferInputStream(entry.duplicate()), entry.remaining());
				return Stream.of(new StoredEntry(stored.getKey(), entry.remaining(), header));
			}
			catch (IOException | DamagedEntryException ex) {
				return Stream.empty();
			}
		});
	}

	@Override
	public void clear() {
		this.entries.clear();
	}

	@Override
	public String location() {
		return "memory";
	}

}
