package io.checkpointing.spring.redis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an entry is written as it is produced: up to one chunk it is collected and stored as the
 * value of the entry's key, as a small entry always was; beyond, each full chunk is appended to a
 * list of its own, then {@link #commit} points the entry's key at the list. The application holds
 * one chunk at a time, and a reader sees the entry only once it is committed.
 */
final class RedisEntryOutput extends OutputStream {

	private static final Logger logger = LoggerFactory.getLogger(RedisBackend.class);

	private static final int FIRST_BUFFER_BYTES = 8 * 1024;

	private final RedisCalls redis;

	private final RedisKeys keys;

	private final RedisEntryScripts scripts;

	private final byte[] entryKey;

	private final int chunkBytes;

	private byte[] buffer;

	private int buffered;

	private @Nullable String id;

	private byte @Nullable [] chunksKey;

	private int chunks;

	private long size;

	private boolean committed;

	RedisEntryOutput(RedisCalls redis, RedisKeys keys, RedisEntryScripts scripts, byte[] entryKey, int chunkBytes) {
		this.redis = redis;
		this.keys = keys;
		this.scripts = scripts;
		this.entryKey = entryKey;
		this.chunkBytes = chunkBytes;
		this.buffer = new byte[Math.min(FIRST_BUFFER_BYTES, chunkBytes)];
	}

	@Override
	public void write(int b) throws IOException {
		if (this.buffered == this.chunkBytes) {
			pushChunk(this.buffer);
		}
		else if (this.buffered == this.buffer.length) {
			grow();
		}
		this.buffer[this.buffered++] = (byte) b;
		this.size++;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		int at = offset;
		int left = length;
		while (left > 0) {
			if (this.buffered == this.chunkBytes) {
				pushChunk(this.buffer);
			}
			else if (this.buffered == this.buffer.length) {
				grow();
			}
			int count = Math.min(left, this.buffer.length - this.buffered);
			System.arraycopy(bytes, at, this.buffer, this.buffered, count);
			this.buffered += count;
			this.size += count;
			at += count;
			left -= count;
		}
	}

	/**
	 * Makes the written entry the key's: its bytes if it fits one chunk, else its last chunk then
	 * a {@link ChunkedEntry} that names its list.
	 * @throws IOException if Redis cannot be reached, or the chunks were deleted meanwhile
	 */
	void commit() throws IOException {
		byte[] rest = (this.buffered == this.buffer.length) ? this.buffer : Arrays.copyOf(this.buffer, this.buffered);
		byte[] list = this.chunksKey;
		String written = this.id;
		if (list == null || written == null) {
			this.redis.execute("write an entry", (connection) -> {
				this.scripts.commit(connection, this.entryKey, rest);
				return null;
			});
			this.committed = true;
			return;
		}
		if (rest.length > 0) {
			pushChunk(rest);
		}
		ChunkedEntry entry = new ChunkedEntry(this.size, this.chunks, written);
		Boolean stored = this.redis.execute("write an entry",
				(connection) -> this.scripts.commit(connection, this.entryKey, list, entry));
		if (!Boolean.TRUE.equals(stored)) {
			throw chunksDeleted();
		}
		this.committed = true;
	}

	/** Deletes the chunks of an entry that was not committed; they would expire after the grace anyway. */
	@Override
	public void close() {
		byte[] list = this.chunksKey;
		if (this.committed || list == null) {
			return;
		}
		try {
			this.redis.execute("delete the chunks of an unfinished entry", (connection) -> connection.keyCommands().unlink(list));
		}
		catch (IOException ex) {
			logger.debug("Could not delete the chunks of an unfinished entry; they expire", ex);
		}
	}

	private void pushChunk(byte[] chunk) throws IOException {
		byte[] list = this.chunksKey;
		if (list == null) {
			String fresh = ChunkedEntry.newId();
			this.id = fresh;
			list = this.keys.chunks(this.entryKey, fresh);
			this.chunksKey = list;
		}
		byte[] key = list;
		Long length = this.redis.execute("write a chunk of an entry",
				(connection) -> this.scripts.push(connection, key, chunk));
		this.chunks++;
		if (length == null || length != this.chunks) {
			throw chunksDeleted();
		}
		this.buffered = 0;
	}

	private void grow() {
		this.buffer = Arrays.copyOf(this.buffer, Math.min(this.chunkBytes, this.buffer.length * 2));
	}

	private IOException chunksDeleted() {
		return new IOException("The chunks of the entry " + new String(this.entryKey, StandardCharsets.UTF_8)
				+ " were deleted while it was written (the store was cleared?), so it is not stored");
	}

}
