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

	private final ConcurrentMap<CallKey, byte[]> entries = new ConcurrentHashMap<>();

	@Override
	public Optional<ByteBuffer> read(CallKey key) {
		byte[] entry = this.entries.get(key);
		return (entry != null) ? Optional.of(ByteBuffer.wrap(entry).asReadOnlyBuffer()) : Optional.empty();
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) {
		byte[] copy = new byte[entry.remaining()];
		entry.duplicate().get(copy);
		this.entries.put(key, copy);
	}

	@Override
	public boolean delete(CallKey key) {
		return this.entries.remove(key) != null;
	}

	@Override
	public Stream<StoredEntry> list() {
		return this.entries.entrySet().stream().flatMap((stored) -> {
			try {
				EntryHeader header = EntryFormat.readHeader(new ByteBufferInputStream(ByteBuffer.wrap(stored.getValue())),
						stored.getValue().length);
				return Stream.of(new StoredEntry(stored.getKey(), stored.getValue().length, header));
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
