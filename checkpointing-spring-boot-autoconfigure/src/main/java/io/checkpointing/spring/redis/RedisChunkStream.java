package io.checkpointing.spring.redis;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A large entry read one chunk at a time ({@code LINDEX} on its list), so that it is never held
 * whole. The list never changes once its entry is committed: a writer that replaces the entry
 * writes a list of its own, and the replaced list stays for the grace, so a reader in flight
 * reads one entry from its first byte to its last. A list gone while it is read (deleted after
 * the grace, or by a clear) fails the read with an {@link IOException}: the entry is not
 * damaged, only no longer there.
 */
final class RedisChunkStream extends InputStream {

	private final RedisCalls redis;

	private final byte[] chunksKey;

	private final int chunks;

	private int next;

	private byte[] chunk;

	private int at;

	private RedisChunkStream(RedisCalls redis, byte[] chunksKey, int chunks, byte[] first) {
		this.redis = redis;
		this.chunksKey = chunksKey;
		this.chunks = chunks;
		this.chunk = first;
		this.next = 1;
	}

	/**
	 * Reads the first chunk of an entry's list.
	 * @return the entry's stream, or empty if the list is gone: the entry was replaced or deleted
	 * since its key was read, or Redis evicted the list
	 * @throws IOException if Redis cannot be reached
	 */
	static Optional<InputStream> open(RedisCalls redis, byte[] chunksKey, ChunkedEntry entry) throws IOException {
		byte[] first = fetch(redis, chunksKey, 0);
		return (first != null) ? Optional.of(new RedisChunkStream(redis, chunksKey, entry.chunks(), first))
				: Optional.empty();
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
			if (this.next == this.chunks) {
				return -1;
			}
			byte[] fetched = fetch(this.redis, this.chunksKey, this.next);
			if (fetched == null) {
				throw new IOException("The chunks of the entry were deleted while it was read, after chunk " + this.next
						+ " of " + this.chunks + " (it was replaced or deleted and its grace ran out, or the store was cleared)");
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

	private static byte @Nullable [] fetch(RedisCalls redis, byte[] chunksKey, int index)
			throws IOException {
		return redis.execute("read a chunk of an entry", (connection) -> connection.listCommands().lIndex(chunksKey, index));
	}

}
