package io.checkpointing.spring.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;

/**
 * The Lua scripts that change an entry's key and its chunks together, atomically: Redis runs a
 * script alone. Each names the entry's key, so that a Redis Cluster runs it on the entry's
 * master, and touches only keys of the entry's slot (its chunks carry its key as hash tag). A
 * replaced or deleted entry's chunks are not deleted but given a short expiry, the grace: a
 * reader that read the entry's key just before still finds them.
 */
final class RedisEntryScripts {

	/**
	 * How many chunks a value names (0 if it is an entry's bytes), and the name of one of them.
	 * ARGV[1] is always the start of the names of the entry's chunks.
	 */
	private static final String CHUNKS = """
			local function chunks(value)
			  if #value ~= %1$d or string.sub(value, 1, 4) ~= '%2$s' then return 0 end
			  local a, b, c, d = string.byte(value, %3$d, %3$d + 3)
			  return ((a * 256 + b) * 256 + c) * 256 + d
			end
			local function chunk(value, i)
			  return ARGV[1] .. string.sub(value, %4$d) .. ':' .. i
			end
			""".formatted(ChunkedEntry.LENGTH, ChunkedEntry.MAGIC, ChunkedEntry.COUNT_START_IN_LUA,
			ChunkedEntry.ID_START_IN_LUA);

	/**
	 * Stores ARGV[2] (an entry's bytes, or a ChunkedEntry) in KEYS[1] with the time to live
	 * ARGV[3] (0: none), gives the chunks it names the same expiry plus the grace ARGV[4], and
	 * retires the chunks the replaced value named. Refuses (returns 0) if some of the new chunks
	 * are gone: the store was cleared while they were written.
	 */
	private static final byte[] COMMIT = script(CHUNKS + """
			local value = ARGV[2]
			local ttl = tonumber(ARGV[3])
			local grace = tonumber(ARGV[4])
			local count = chunks(value)
			for i = 0, count - 1 do
			  if redis.call('exists', chunk(value, i)) == 0 then return 0 end
			end
			local old = redis.call('getrange', KEYS[1], 0, %1$d)
			if ttl > 0 then redis.call('set', KEYS[1], value, 'px', ttl) else redis.call('set', KEYS[1], value) end
			for i = 0, count - 1 do
			  if ttl > 0 then redis.call('pexpire', chunk(value, i), ttl + grace) else redis.call('persist', chunk(value, i)) end
			end
			for i = 0, chunks(old) - 1 do
			  redis.call('pexpire', chunk(old, i), grace)
			end
			return 1""".formatted(ChunkedEntry.LENGTH - 1));

	/** Deletes KEYS[1] and retires the chunks it named, with the grace ARGV[2]. */
	private static final byte[] DELETE = script(CHUNKS + """
			local old = redis.call('getrange', KEYS[1], 0, %1$d)
			local deleted = redis.call('del', KEYS[1])
			for i = 0, chunks(old) - 1 do
			  redis.call('pexpire', chunk(old, i), ARGV[2])
			end
			return deleted""".formatted(ChunkedEntry.LENGTH - 1));

	private final RedisKeys keys;

	private final byte[] grace;

	private final byte[] timeToLive;

	/**
	 * @param grace how long replaced chunks stay readable
	 * @param timeToLive how long an entry lives, or {@code null} for ever
	 */
	RedisEntryScripts(RedisKeys keys, Duration grace, @Nullable Duration timeToLive) {
		this.keys = keys;
		this.grace = number(grace.toMillis());
		this.timeToLive = number((timeToLive != null) ? timeToLive.toMillis() : 0);
	}

	/**
	 * Stores an entry: its bytes, or a {@link ChunkedEntry} whose chunks are all written.
	 * @return whether it was stored: {@code false} if some of the chunks are gone
	 */
	boolean commit(RedisConnection connection, byte[] entryKey, byte[] value) {
		Long stored = connection.scriptingCommands().eval(COMMIT, ReturnType.INTEGER, 1, entryKey, chunksOf(entryKey),
				value, this.timeToLive, this.grace);
		return stored != null && stored > 0;
	}

	/** @return whether the entry's key was there */
	boolean delete(RedisConnection connection, byte[] entryKey) {
		Long deleted = connection.scriptingCommands().eval(DELETE, ReturnType.INTEGER, 1, entryKey, chunksOf(entryKey),
				this.grace);
		return deleted != null && deleted > 0;
	}

	private byte[] chunksOf(byte[] entryKey) {
		return this.keys.chunksOf(entryKey).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] number(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] script(String source) {
		return source.getBytes(StandardCharsets.UTF_8);
	}

}
