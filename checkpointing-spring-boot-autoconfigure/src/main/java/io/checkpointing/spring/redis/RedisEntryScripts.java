package io.checkpointing.spring.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;

/**
 * The Lua scripts that change an entry's key and its chunks together, atomically: Redis runs a
 * script alone. Each names the entry's key first, so that a Redis Cluster runs it on the entry's
 * master, and touches only keys of the entry's slot (its chunk lists carry its key as hash tag).
 * A replaced or deleted entry's chunks are not deleted but given a short expiry, the grace: a
 * reader that read the entry's key just before still finds them.
 */
final class RedisEntryScripts {

	/** Appends a chunk to a list being written and keeps the unfinished list from living for ever. */
	private static final byte[] PUSH = script("""
			local length = redis.call('rpush', KEYS[1], ARGV[1])
			redis.call('pexpire', KEYS[1], ARGV[2])
			return length""");

	/**
	 * Stores an entry (its bytes, or a ChunkedEntry naming KEYS[2]) and retires the chunks the
	 * replaced value named. Refuses (returns 0) if the new chunks are not all there: the store was
	 * cleared while they were written.
	 */
	private static final byte[] COMMIT = script("""
			local chunks = KEYS[2]
			if chunks and redis.call('llen', chunks) ~= tonumber(ARGV[5]) then return 0 end
			local old = redis.call('getrange', KEYS[1], 0, %1$d)
			local ttl = tonumber(ARGV[2])
			if ttl > 0 then redis.call('set', KEYS[1], ARGV[1], 'px', ttl) else redis.call('set', KEYS[1], ARGV[1]) end
			if chunks then
			  if ttl > 0 then redis.call('pexpire', chunks, ttl + tonumber(ARGV[3])) else redis.call('persist', chunks) end
			end
			if #old == %2$d and string.sub(old, 1, 4) == '%3$s' then
			  redis.call('pexpire', ARGV[4] .. string.sub(old, %4$d), ARGV[3])
			end
			return 1""".formatted(ChunkedEntry.LENGTH - 1, ChunkedEntry.LENGTH, ChunkedEntry.MAGIC,
			ChunkedEntry.ID_START_IN_LUA));

	/** Deletes an entry's key and retires the chunks it named. */
	private static final byte[] DELETE = script("""
			local old = redis.call('getrange', KEYS[1], 0, %1$d)
			local deleted = redis.call('del', KEYS[1])
			if #old == %2$d and string.sub(old, 1, 4) == '%3$s' then
			  redis.call('pexpire', ARGV[2] .. string.sub(old, %4$d), ARGV[1])
			end
			return deleted""".formatted(ChunkedEntry.LENGTH - 1, ChunkedEntry.LENGTH, ChunkedEntry.MAGIC,
			ChunkedEntry.ID_START_IN_LUA));

	/** The first bytes of one chunk, without sending the whole chunk: what listing needs of the header. */
	private static final byte[] HEAD = script("""
			local chunk = redis.call('lindex', KEYS[1], 0)
			if not chunk then return false end
			return string.sub(chunk, 1, tonumber(ARGV[1]))""");

	private final RedisKeys keys;

	private final byte[] grace;

	private final byte[] timeToLive;

	/**
	 * @param grace how long replaced chunks, and chunks no longer written, stay readable
	 * @param timeToLive how long an entry lives, or {@code null} for ever
	 */
	RedisEntryScripts(RedisKeys keys, Duration grace, @Nullable Duration timeToLive) {
		this.keys = keys;
		this.grace = number(grace.toMillis());
		this.timeToLive = number((timeToLive != null) ? timeToLive.toMillis() : 0);
	}

	/** @return how many chunks the list holds now */
	long push(RedisConnection connection, byte[] chunksKey, byte[] chunk) {
		Long length = connection.scriptingCommands().eval(PUSH, ReturnType.INTEGER, 1, chunksKey, chunk, this.grace);
		return (length != null) ? length : 0;
	}

	/** Stores an entry's bytes in its key. */
	void commit(RedisConnection connection, byte[] entryKey, byte[] bytes) {
		connection.scriptingCommands().eval(COMMIT, ReturnType.INTEGER, 1, entryKey, bytes, this.timeToLive, this.grace,
				retired(entryKey));
	}

	/**
	 * Points an entry's key at its chunks, with the entry's expiry on both.
	 * @return whether it was stored: {@code false} if some of the chunks are gone
	 */
	boolean commit(RedisConnection connection, byte[] entryKey, byte[] chunksKey, ChunkedEntry entry) {
		Long stored = connection.scriptingCommands().eval(COMMIT, ReturnType.INTEGER, 2, entryKey, chunksKey,
				entry.encode(), this.timeToLive, this.grace, retired(entryKey), number(entry.chunks()));
		return stored != null && stored > 0;
	}

	/** @return whether the entry's key was there */
	boolean delete(RedisConnection connection, byte[] entryKey) {
		Long deleted = connection.scriptingCommands().eval(DELETE, ReturnType.INTEGER, 1, entryKey, this.grace,
				retired(entryKey));
		return deleted != null && deleted > 0;
	}

	/** @return the first bytes of a list's first chunk, or {@code null} if the list is gone */
	byte @Nullable [] head(RedisConnection connection, byte[] chunksKey, int length) {
		return connection.scriptingCommands().eval(HEAD, ReturnType.VALUE, 1, chunksKey, number(length));
	}

	/** @return the start of the names of the chunk lists an entry's key may name */
	private byte[] retired(byte[] entryKey) {
		return this.keys.chunksOf(entryKey).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] number(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] script(String source) {
		return source.getBytes(StandardCharsets.UTF_8);
	}

}
