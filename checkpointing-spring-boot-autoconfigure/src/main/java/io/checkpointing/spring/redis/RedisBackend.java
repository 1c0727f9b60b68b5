package io.checkpointing.spring.redis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.KeyLock;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.types.Expiration;

/**
 * Stores each entry as one Redis string {@code <prefix><64 hex digits>} holding the bytes of
 * the {@link EntryFormat}; a single {@code SET} replaces it atomically, so a reader never sees a
 * partial entry. Entries expire after the time to live, if one is given.
 *
 * <p>A miss is computed once across every process that shares the Redis: the first takes a
 * lease {@code <prefix>lock:<hex>} with {@code SET NX PX} and a random token, renews it while it
 * computes ({@link RedisKeyLeases}) and deletes it, if it still holds it, when done. A holder
 * that dies stops renewing, and its lease expires.
 *
 * <p>Listing and clearing walk the keys with {@code SCAN}, never {@code KEYS}, so a large store
 * does not block the server. On a Redis Cluster (Spring Boot's {@code spring.data.redis.cluster.*})
 * they scan every master, since each holds the keys of its own slots. No operation spans two keys
 * of one entry (an entry and its lease are read and written separately, and clearing deletes keys
 * that Lettuce groups by slot), so keys need no hash tag and a store keeps its keys when it moves
 * from one Redis to a cluster.
 */
public final class RedisBackend implements CacheBackend, AutoCloseable {

	private static final int HEADER_READ_BYTES = 4096;

	private static final int HEADER_LENGTH_OFFSET = 8;

	private static final int SCAN_BATCH = 500;

	private final RedisConnectionFactory connectionFactory;

	private final String keyPrefix;

	private final @Nullable Duration timeToLive;

	private final RedisKeyLeases leases;

	/**
	 * @param connectionFactory the connections to Redis, usually Spring Boot's
	 * @param keyPrefix the start of every key this backend writes, which separates its entries
	 * from other data and from other applications' entries
	 * @param timeToLive how long Redis keeps an entry, or {@code null} for ever
	 * @param lockLease how long a key's lease lasts unless its holder renews it: how long the
	 * others wait after a holder died
	 */
	public RedisBackend(RedisConnectionFactory connectionFactory, String keyPrefix, @Nullable Duration timeToLive,
			Duration lockLease) {
		if (keyPrefix.isEmpty()) {
			throw new IllegalArgumentException("The Redis key prefix (checkpointing.redis.key-prefix) must not be empty:"
					+ " clearing the store deletes every key that starts with it");
		}
		if (timeToLive != null && timeToLive.toMillis() <= 0) {
			throw new IllegalArgumentException("The time to live (checkpointing.ttl) must be at least 1ms, not " + timeToLive);
		}
		this.connectionFactory = connectionFactory;
		this.keyPrefix = keyPrefix;
		this.timeToLive = timeToLive;
		this.leases = new RedisKeyLeases(connectionFactory, lockLease);
	}

	@Override
	public Optional<ByteBuffer> read(CallKey key) throws IOException {
		byte[] entry = execute("read an entry", (connection) -> connection.stringCommands().get(entryKey(key)));
		return (entry != null) ? Optional.of(ByteBuffer.wrap(entry)) : Optional.empty();
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) throws IOException {
		byte[] bytes = bytesOf(entry);
		Expiration expiration = (this.timeToLive != null) ? Expiration.from(this.timeToLive) : Expiration.persistent();
		execute("write an entry", (connection) -> connection.stringCommands()
			.set(entryKey(key), bytes, expiration, SetOption.upsert()));
	}

	@Override
	public boolean delete(CallKey key) throws IOException {
		Long deleted = execute("delete an entry", (connection) -> connection.keyCommands().del(entryKey(key)));
		return deleted != null && deleted > 0;
	}

	/**
	 * Lists the entries with a {@code SCAN} over the prefix; each entry costs two small reads (its
	 * length and its header). The list is read whole before it is returned.
	 */
	@Override
	public Stream<StoredEntry> list() throws IOException {
		List<StoredEntry> listed = execute("list the entries", (connection) -> {
			List<StoredEntry> entries = new ArrayList<>();
			for (byte[] redisKey : scanEntryKeys(connection)) {
				describe(connection, redisKey).ifPresent(entries::add);
			}
			return entries;
		});
		return Objects.requireNonNull(listed).stream();
	}

	@Override
	public void clear() throws IOException {
		execute("clear the entries", (connection) -> {
			List<byte[]> keys = scanEntryKeys(connection);
			for (int start = 0; start < keys.size(); start += SCAN_BATCH) {
				List<byte[]> batch = keys.subList(start, Math.min(keys.size(), start + SCAN_BATCH));
				connection.keyCommands().unlink(batch.toArray(new byte[0][]));
			}
			return null;
		});
	}

	@Override
	public Optional<KeyLock> tryLock(CallKey key) throws IOException {
		try {
			return this.leases.tryAcquire(lockKey(key));
		}
		catch (DataAccessException ex) {
			throw new IOException("Cannot lock key " + key + " in " + location() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String location() {
		return "redis (keys " + this.keyPrefix + "*)";
	}

	/**
	 * Stops renewing leases. Leases still held expire on their own.
	 */
	@Override
	public void close() {
		this.leases.close();
	}

	private List<byte[]> scanEntryKeys(RedisConnection connection) {
		// A glob that matches the prefix then exactly 64 characters: entries, not leases.
		ScanOptions options = ScanOptions.scanOptions().match(escapeGlob(this.keyPrefix) + "?".repeat(64)).count(SCAN_BATCH).build();
		List<byte[]> keys = new ArrayList<>();
		if (connection instanceof RedisClusterConnection cluster) {
			// A replica would list its master's keys a second time: masters only.
			for (RedisClusterNode node : cluster.clusterGetNodes()) {
				if (node.isMaster()) {
					try (Cursor<byte[]> cursor = cluster.scan(node, options)) {
						collectEntryKeys(cursor, keys);
					}
				}
			}
		}
		else {
			try (Cursor<byte[]> cursor = connection.keyCommands().scan(options)) {
				collectEntryKeys(cursor, keys);
			}
		}
		return keys;
	}

	private void collectEntryKeys(Cursor<byte[]> cursor, List<byte[]> keys) {
		cursor.forEachRemaining((redisKey) -> {
			if (callKeyOf(redisKey) != null) {
				keys.add(redisKey);
			}
		});
	}

	private Optional<StoredEntry> describe(RedisConnection connection, byte[] redisKey) {
		CallKey key = callKeyOf(redisKey);
		Long size = connection.stringCommands().strLen(redisKey);
		byte[] head = connection.stringCommands().getRange(redisKey, 0, HEADER_READ_BYTES - 1);
		if (key == null || size == null || size == 0 || head == null) {
			return Optional.empty(); // deleted or expired since the scan
		}
		if (head.length > HEADER_LENGTH_OFFSET + 4) {
			int headerLength = ByteBuffer.wrap(head).getInt(HEADER_LENGTH_OFFSET);
			if (headerLength > head.length && headerLength <= size) {
				head = connection.stringCommands().getRange(redisKey, 0, headerLength - 1);
			}
		}
		try {
			return Optional.of(new StoredEntry(key, size, EntryFormat.readHeader(new ByteArrayInputStream(head), size)));
		}
		catch (IOException | DamagedEntryException ex) {
			return Optional.empty();
		}
	}

	private @Nullable CallKey callKeyOf(byte[] redisKey) {
		String name = new String(redisKey, StandardCharsets.UTF_8);
		if (!name.startsWith(this.keyPrefix)) {
			return null;
		}
		try {
			return CallKey.fromHex(name.substring(this.keyPrefix.length()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private byte[] entryKey(CallKey key) {
		return (this.keyPrefix + key.hex()).getBytes(StandardCharsets.UTF_8);
	}

	private byte[] lockKey(CallKey key) {
		return (this.keyPrefix + "lock:" + key.hex()).getBytes(StandardCharsets.UTF_8);
	}

	/** The entry's bytes, without a copy when the buffer is a whole array, as the engine's are. */
	private static byte[] bytesOf(ByteBuffer entry) {
		if (entry.hasArray() && entry.arrayOffset() == 0 && entry.position() == 0
				&& entry.limit() == entry.array().length) {
			return entry.array();
		}
		byte[] bytes = new byte[entry.remaining()];
		entry.duplicate().get(bytes);
		return bytes;
	}

	private static String escapeGlob(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ("*?[]\\^".indexOf(c) >= 0) {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

	/**
	 * Runs one action on a connection; Spring's unchecked failures become the SPI's IOException.
	 * The description is a constant, not built per call: a hit pays for no message it does not
	 * need, and the engine warns once per failure instead of once per key.
	 */
	private <T> @Nullable T execute(String description, RedisAction<T> action) throws IOException {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			return action.doWith(connection);
		}
		catch (DataAccessException ex) {
			throw new IOException("Cannot " + description + " in " + location() + ": " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface RedisAction<T> {

		@Nullable T doWith(RedisConnection connection);

	}

}
