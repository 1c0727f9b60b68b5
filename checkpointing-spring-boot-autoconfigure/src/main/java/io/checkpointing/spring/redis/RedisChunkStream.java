package io.checkpointing.spring.redis;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A large entry read one chunk at a time ({@code GET} of each chunk's key), so that it is never
 * held whole. Chunks never change once their entry is committed: a writer that replaces the
 * entry writes chunks of its own, and the replaced chunks stay for the grace, so a reader in
 * flight reads one entry from its first byte to its last. A chunk gone while the entry is read
 * (deleted after the grace, by a clear, or evicted by Redis) fails the read with an
 * {@link IOException}: the entry is not damaged, only no longer there.
 */
final class RedisChunkStream extends InputStream {

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final byte[] entryKey;

	private final ChunkedEntry entry;

	private int next;

	private byte[] chunk;

	private int at;

	private RedisChunkStream(RedisCalls redis, RedisKeys keys, byte[] entryKey, ChunkedEntry entry, byte[] first) {
		this.redis = redis;
		this.keys = keys;
		this.entryKey = entryKey;
		this.entry = entry;
		this.chunk = first;
		this.next = 1;
	}

	/**
	 * Reads the first chunk of an entry.
	 * @return the entry's stream, or empty if the chunk is gone: the entry was replaced or deleted
	 * since its key was read, or Redis evicted the chunk
	 * @throws IOException if Redis cannot be reached
	 */
	static Optional<InputStream> open(RedisCalls redis, RedisKeys keys, byte[] entryKey, ChunkedEntry entry)
			throws IOException {
		byte[] first = fetch(redis, keys.chunk(entryKey, entry.id(), 0));
		return (first != null) ? Optional.of(new RedisChunkStream(redis, keys, entryKey, entry, first)) : Optional.empty();
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : Byte.toUnsignedInt(one[0]);
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		while (this.at == this.chunk.length) {
			if (this.next == this.entry.chunks()) {
				return -1;
			}
			byte[] fetched = fetch(this.redis, this.keys.chunk(this.entryKey, this.entry.id(), this.next));
			if (fetched == null) {
				throw new IOException("Chunk " + this.next + " of the " + this.entry.chunks()
						+ " of the entry was deleted while it was read (the entry was replaced or deleted and its grace ran"
						+ " out, the store was cleared, or Redis evicted the chunk)");
			}
			this.chunk = fetched;
			this.at = 0;
			this.next++;
		}
		int count = Math.min(length, this.chunk.length - this.at);
		System.arraycopy(this.chunk, this.at, target, offset, count);
		this.at += count;
		return count;
	}

	private static byte @Nullable [] fetch(RedisCalls redis, byte[] chunkKey) throws IOException {
		return redis.execute("read a chunk of an entry", (connection) -> connection.stringCommands().get(chunkKey));
	}

}
