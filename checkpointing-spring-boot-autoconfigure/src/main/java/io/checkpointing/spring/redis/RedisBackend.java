package io.checkpointing.spring.redis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.ByteBufferInputStream;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryWriter;
import io.checkpointing.store.KeyLock;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * Stores each entry under the key {@code <prefix><64 hex digits>}. An entry of at most one chunk
 * ({@value #CHUNK_BYTES} bytes) is that key's value, the bytes of the {@link EntryFormat}; a larger
 * one is written as it is produced, a chunk at a time, each chunk a string of its own
 * ({@code <prefix>chunks:{<entry key>}:<random id>:<n>}), and the entry's key then holds a
 * {@link ChunkedEntry} that names the chunks; it is read back a chunk at a time. Neither the
 * application nor a single Redis command ever holds a large entry whole.
 *
 * <p>A reader never sees a partial entry: the entry's key changes in one script
 * ({@link RedisEntryScripts}) once every chunk is in place, and a chunk never changes after that.
 * A replaced or deleted entry's chunks are not deleted at once but expire after a grace of
 * {@value #GRACE_MINUTES} minutes, so that a reader that read the old key still reads the old
 * entry whole. The chunks' hash tag is the entry's key: on a Redis Cluster they live in the
 * entry's slot, which the script needs.
 *
 * <p>A miss is computed once across every process that shares the Redis: the first takes a
 * lease {@code <prefix>lock:<hex>} with {@code SET NX PX} and a random token, renews it while it
 * computes ({@link RedisKeyLeases}) and deletes it, if it still holds it, when done. A holder
 * that dies stops renewing, and its lease expires.
 *
 * <p>Listing and clearing walk the keys with {@code SCAN}, never {@code KEYS}, so a large store
 * does not block the server. On a Redis Cluster (Spring Boot's {@code spring.data.redis.cluster.*})
 * they scan every master, since each holds the keys of its own slots.
 */
public final class RedisBackend implements CacheBackend, AutoCloseable {

	/** The largest entry stored as one value, and the size of a large entry's chunks. */
	static final int CHUNK_BYTES = 1024 * 1024;

	static final int GRACE_MINUTES = 5;

	private static final int HEADER_READ_BYTES = 4096;

	private static final int HEADER_LENGTH_OFFSET = 8;

	private static final int SCAN_BATCH = 500;

	private final RedisKeys keys;

	private final RedisCalls redis;

	private final RedisEntryScripts scripts;

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
		if (timeToLive != null && timeToLive.toMillis() <= 0) {
			throw new IllegalArgumentException("The time to live (checkpointing.ttl) must be at least 1ms, not " + timeToLive);
		}
		this.keys = new RedisKeys(keyPrefix);
		this.redis = new RedisCalls(connectionFactory, location());
		this.scripts = new RedisEntryScripts(this.keys, Duration.ofMinutes(GRACE_MINUTES), timeToLive);
		this.leases = new RedisKeyLeases(connectionFactory, lockLease);
	}

	@Override
	public Optional<ByteBuffer> read(CallKey key) throws IOException {
		byte[] entryKey = this.keys.entry(key);
		byte[] value = this.redis.execute("read an entry", (connection) -> connection.stringCommands().get(entryKey));
		if (value == null) {
			return Optional.empty();
		}
		ChunkedEntry chunked = ChunkedEntry.of(value);
		if (chunked == null) {
			return Optional.of(ByteBuffer.wrap(value));
		}
		if (chunked.size() > Integer.MAX_VALUE - 8) {
			throw new IOException("The entry of " + key + " has " + chunked.size() + " bytes, more than an array holds;"
					+ " it can only be read as a stream");
		}
		Optional<InputStream> chunks = RedisChunkStream.open(this.redis, this.keys, entryKey, chunked);
		if (chunks.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = chunks.get()) {
			return Optional.of(ByteBuffer.wrap(in.readNBytes((int) chunked.size())));
		}
	}

	/**
	 * Reads a small entry with one {@code GET}, as one buffer; a large one a chunk at a time.
	 */
	@Override
	public Optional<InputStream> readStream(CallKey key) throws IOException {
		byte[] entryKey = this.keys.entry(key);
		byte[] value = this.redis.execute("read an entry", (connection) -> connection.stringCommands().get(entryKey));
		if (value == null) {
			return Optional.empty();
		}
		ChunkedEntry chunked = ChunkedEntry.of(value);
		return (chunked != null) ? RedisChunkStream.open(this.redis, this.keys, entryKey, chunked)
				: Optional.of(new ByteBufferInputStream(ByteBuffer.wrap(value)));
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) throws IOException {
		writeStream(key, (out) -> {
			if (entry.hasArray()) {
				out.write(entry.array(), entry.arrayOffset() + entry.position(), entry.remaining());
			}
			else {
				byte[] bytes = new byte[entry.remaining()];
				entry.duplicate().get(bytes);
				out.write(bytes);
			}
		});
	}

	/**
	 * Writes the entry as it is produced: one value if it fits a chunk, else chunks of their own
	 * that the entry's key then names.
	 */
	@Override
	public void writeStream(CallKey key, EntryWriter entry) throws IOException {
		try (RedisEntryOutput out = new RedisEntryOutput(this.redis, this.keys, this.scripts, this.keys.entry(key),
				CHUNK_BYTES)) {
			entry.writeTo(out);
			out.commit();
		}
	}

	@Override
	public boolean delete(CallKey key) throws IOException {
		Boolean deleted = this.redis.execute("delete an entry",
				(connection) -> this.scripts.delete(connection, this.keys.entry(key)));
		return Boolean.TRUE.equals(deleted);
	}

	/**
	 * Lists the entries with a {@code SCAN} over the prefix; each entry costs two small reads (its
	 * length and its header), a large one a third (its size is in its key, its header in its first
	 * chunk). The list is read whole before it is returned.
	 */
	@Override
	public Stream<StoredEntry> list() throws IOException {
		List<StoredEntry> listed = this.redis.execute("list the entries", (connection) -> {
			List<StoredEntry> entries = new ArrayList<>();
			for (byte[] redisKey : scan(connection, this.keys.entryPattern(), true)) {
				describe(connection, redisKey).ifPresent(entries::add);
			}
			return entries;
		});
		return Objects.requireNonNull(listed).stream();
	}

	/** Deletes the entries and their chunks at once, even those a reader is reading: they fail as unreadable. */
	@Override
	public void clear() throws IOException {
		this.redis.execute("clear the entries", (connection) -> {
			List<byte[]> keys = scan(connection, this.keys.entryPattern(), true);
			keys.addAll(scan(connection, this.keys.chunksPattern(), false));
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
			return this.leases.tryAcquire(this.keys.lock(key));
		}
		catch (DataAccessException ex) {
			throw new IOException("Cannot lock key " + key + " in " + location() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String location() {
		return "redis (keys " + this.keys.prefix() + "*)";
	}

	/**
	 * Stops renewing leases. Leases still held expire on their own.
	 */
	@Override
	public void close() {
		this.leases.close();
	}

	/**
	 * @param entries whether to keep only the keys that are entries' (the pattern's {@code ?} matches any character)
	 * @return the keys that match a pattern, each once: on a cluster, from every master (a replica would repeat them)
	 */
	private List<byte[]> scan(RedisConnection connection, String pattern, boolean entries) {
		ScanOptions options = ScanOptions.scanOptions().match(pattern).count(SCAN_BATCH).build();
		List<byte[]> keys = new ArrayList<>();
		Consumer<byte[]> collect = (redisKey) -> {
			if (!entries || this.keys.callKeyOf(redisKey) != null) {
				keys.add(redisKey);
			}
		};
		if (connection instanceof RedisClusterConnection cluster) {
			for (RedisClusterNode node : cluster.clusterGetNodes()) {
				if (node.isMaster()) {
					try (Cursor<byte[]> cursor = cluster.scan(node, options)) {
						cursor.forEachRemaining(collect);
					}
				}
			}
		}
		else {
			try (Cursor<byte[]> cursor = connection.keyCommands().scan(options)) {
				cursor.forEachRemaining(collect);
			}
		}
		return keys;
	}

	private Optional<StoredEntry> describe(RedisConnection connection, byte[] redisKey) throws IOException {
		CallKey key = this.keys.callKeyOf(redisKey);
		Long size = connection.stringCommands().strLen(redisKey);
		byte[] head = connection.stringCommands().getRange(redisKey, 0, HEADER_READ_BYTES - 1);
		if (key == null || size == null || size == 0 || head == null) {
			return Optional.empty(); // not an entry, or deleted or expired since the scan
		}
		ChunkedEntry chunked = ChunkedEntry.of(head);
		if (chunked != null) {
			return describeChunked(connection, key, redisKey, chunked);
		}
		int headerLength = headerLength(head);
		if (headerLength > head.length && headerLength <= size) {
			head = connection.stringCommands().getRange(redisKey, 0, headerLength - 1);
		}
		return (head != null) ? described(key, size, head) : Optional.empty();
	}

	/** Reads a large entry's header from the start of its first chunk, or, if longer, from as many chunks as it spans. */
	private Optional<StoredEntry> describeChunked(RedisConnection connection, CallKey key, byte[] redisKey,
			ChunkedEntry chunked) throws IOException {
		byte[] head = connection.stringCommands().getRange(this.keys.chunk(redisKey, chunked.id(), 0), 0,
				HEADER_READ_BYTES - 1);
		if (head == null || head.length == 0) {
			return Optional.empty(); // its chunks were removed
		}
		int headerLength = headerLength(head);
		if (headerLength > head.length && headerLength <= chunked.size()) {
			Optional<InputStream> chunks = RedisChunkStream.open(this.redis, this.keys, redisKey, chunked);
			if (chunks.isEmpty()) {
				return Optional.empty();
			}
			try (InputStream in = chunks.get()) {
				head = in.readNBytes(headerLength);
			}
		}
		return described(key, chunked.size(), head);
	}

	private static int headerLength(byte[] head) {
		return (head.length > HEADER_LENGTH_OFFSET + 4) ? ByteBuffer.wrap(head).getInt(HEADER_LENGTH_OFFSET) : 0;
	}

	private static Optional<StoredEntry> described(CallKey key, long size, byte[] head) {
		try {
			return Optional.of(new StoredEntry(key, size, EntryFormat.readHeader(new ByteArrayInputStream(head), size)));
		}
		catch (IOException | DamagedEntryException ex) {
			return Optional.empty();
		}
	}

}
