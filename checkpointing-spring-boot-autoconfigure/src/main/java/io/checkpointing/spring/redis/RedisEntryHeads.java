package io.checkpointing.spring.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.ByteBufferInputStream;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;

/**
 * Reads the start of an entry up to the end of its header, for listings and
 * {@link RedisBackend#readHead}, never its payload: {@code GETRANGE} of the first few kilobytes
 * of its value, or of its first chunk if it is chunked, then of the whole header if it is longer.
 * A header length beyond the entry or beyond {@link EntryFormat#MAX_HEADER_BYTES} is damage, and
 * no more than the first read is fetched for it.
 */
final class RedisEntryHeads {

	private static final int HEADER_READ_BYTES = 4096;

	private final RedisCalls redis;

	private final RedisKeys keys;

	RedisEntryHeads(RedisCalls redis, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	/** @return the entry with its header, or empty if it is gone, no entry of this store, or its header cannot be read */
	Optional<StoredEntry> describe(RedisConnection connection, byte[] redisKey) throws IOException {
		CallKey key = this.keys.callKeyOf(redisKey);
		Head head = (key != null) ? head(connection, redisKey) : null;
		if (key == null || head == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(new StoredEntry(key, head.size(),
					EntryFormat.readHeader(new ByteBufferInputStream(head.bytes().duplicate()), head.size())));
		}
		catch (IOException | DamagedEntryException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @return the entry's first bytes, its whole header among them if it is intact, and its size;
	 * or {@code null} if there is no entry (deleted or expired, or its chunks are gone)
	 */
	@Nullable Head head(RedisConnection connection, byte[] entryKey) throws IOException {
		Long size = connection.stringCommands().strLen(entryKey);
		byte[] head = connection.stringCommands().getRange(entryKey, 0, HEADER_READ_BYTES - 1);
		if (size == null || size == 0 || head == null) {
			return null;
		}
		ChunkedEntry chunked = ChunkedEntry.of(head);
		if (chunked != null) {
			return chunkedHead(connection, entryKey, chunked);
		}
		int headerLength = headerLength(head, size);
		if (headerLength > 0) {
			head = connection.stringCommands().getRange(entryKey, 0, headerLength - 1);
		}
		return (head != null) ? new Head(ByteBuffer.wrap(head), size) : null;
	}

	/** Reads a large entry's header from the start of its first chunk, or, if longer, from as many chunks as it spans. */
	private @Nullable Head chunkedHead(RedisConnection connection, byte[] entryKey, ChunkedEntry chunked)
			throws IOException {
		byte[] first = this.keys.chunk(entryKey, chunked.id(), 0);
		byte[] head = connection.stringCommands().getRange(first, 0, HEADER_READ_BYTES - 1);
		if (head == null || head.length == 0) {
			return null; // its chunks were removed
		}
		int headerLength = headerLength(head, chunked.size());
		if (headerLength > RedisBackend.CHUNK_BYTES) {
			Optional<InputStream> chunks = RedisChunkStream.open(this.redis, this.keys, entryKey, chunked);
			if (chunks.isEmpty()) {
				return null;
			}
			try (InputStream in = chunks.get()) {
				head = in.readNBytes(headerLength);
			}
		}
		else if (headerLength > 0) {
			head = connection.stringCommands().getRange(first, 0, headerLength - 1);
		}
		return (head != null) ? new Head(ByteBuffer.wrap(head), chunked.size()) : null;
	}

	/**
	 * @return how many bytes the whole header needs if the first read holds less of it, else 0;
	 * 0 too if the length it declares is damaged: beyond the entry or the format's limit
	 */
	private static int headerLength(byte[] head, long size) {
		int declared = EntryFormat.declaredHeaderLength(ByteBuffer.wrap(head), size);
		return (declared > head.length) ? declared : 0;
	}

	/**
	 * @param bytes an entry's first bytes
	 * @param size the whole entry's size
	 */
	record Head(ByteBuffer bytes, long size) {
	}

}
