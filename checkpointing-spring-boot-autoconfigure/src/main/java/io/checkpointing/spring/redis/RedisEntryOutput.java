package io.checkpointing.spring.redis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.types.Expiration;

/**
 * Where an entry is written as it is produced: up to one chunk it is collected and stored as the
 * value of the entry's key, as a small entry always was; beyond, each full chunk is stored under
 * a key of its own as soon as it is full, then {@link #commit} points the entry's key at the
 * chunks. The application holds one chunk at a time, and a reader sees the entry only once it is
 * committed.
 */
final class RedisEntryOutput extends OutputStream {

	/**
	 * How long the chunks of an entry being written live if its writer dies: a write that takes
	 * longer fails, as its first chunks are gone when it commits.
	 */
	static final Duration UNFINISHED = Duration.ofHours(1);

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
		makeRoom();
		this.buffer[this.buffered++] = (byte) b;
		this.size++;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		int at = offset;
		int left = length;
		while (left > 0) {
			makeRoom();
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
	 * a {@link ChunkedEntry} that names its chunks.
	 * @throws IOException if Redis cannot be reached, or the chunks were deleted meanwhile
	 */
	void commit() throws IOException {
		byte[] rest = (this.buffered == this.buffer.length) ? this.buffer : Arrays.copyOf(this.buffer, this.buffered);
		String written = this.id;
		byte[] value;
		if (written == null) {
			value = rest;
		}
		else {
			if (rest.length > 0) {
				storeChunk(written, rest);
			}
			value = new ChunkedEntry(this.size, this.chunks, written).encode();
		}
		Boolean stored = this.redis.execute("write an entry",
				(connection) -> this.scripts.commit(connection, this.entryKey, value));
		if (!Boolean.TRUE.equals(stored)) {
			throw new IOException("The chunks of the entry " + new String(this.entryKey, StandardCharsets.UTF_8)
					+ " were deleted while it was written (the store was cleared, or the write took longer than "
					+ UNFINISHED + "), so it is not stored");
		}
		this.committed = true;
	}

	/** Deletes the chunks of an entry that was not committed; they would expire anyway. */
	@Override
	public void close() {
		String written = this.id;
		if (this.committed || written == null) {
			return;
		}
		byte[][] stored = new byte[this.chunks][];
		for (int index = 0; index < this.chunks; index++) {
			stored[index] = this.keys.chunk(this.entryKey, written, index);
		}
		try {
			this.redis.execute("delete the chunks of an unfinished entry", (connection) -> connection.keyCommands().unlink(stored));
		}
		catch (IOException ex) {
			logger.debug("Could not delete the chunks of an unfinished entry; they expire", ex);
		}
	}

	/** Stores the buffer as a chunk once it holds a whole one, or lets it grow towards one. */
	private void makeRoom() throws IOException {
		if (this.buffered == this.chunkBytes) {
			String written = this.id;
			if (written == null) {
				written = ChunkedEntry.newId();
				this.id = written;
			}
			storeChunk(written, this.buffer);
			this.buffered = 0;
		}
		else if (this.buffered == this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.min(this.chunkBytes, this.buffer.length * 2));
		}
	}

	private void storeChunk(String written, byte[] chunk) throws IOException {
		byte[] chunkKey = this.keys.chunk(this.entryKey, written, this.chunks);
		this.redis.execute("write a chunk of an entry", (connection) -> connection.stringCommands()
			.set(chunkKey, chunk, Expiration.from(UNFINISHED), SetOption.upsert()));
		this.chunks++;
	}

}
