package io.checkpointing.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.checkpointing.CheckpointException;
import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.EntrySigner;
import org.jspecify.annotations.Nullable;

/**
 * Data versions kept as entries of the backend, so every instance that shares the store sees
 * them: one entry per data type, named {@code data version of <type>}, whose payload is a random
 * token. A change writes a fresh token; a missing or unreadable entry is replaced by one too, so
 * whatever removes these entries (an eviction, a sweep) only costs misses, never a stale hit.
 * Concurrent writers need no lock: each writes a token never used before, and any token other
 * than the former one moves the version.
 *
 * <p>Reading the store on every call would add a round trip to every hit, so a version read from
 * it is reused for {@code refresh}: a change made by another instance is seen by this one within
 * that time (the staleness window); a change made in this JVM is seen here at once.
 */
public final class StoredDataVersions implements DataVersions {

	/** The serializer id of version entries: none of the result serializers reads them. */
	static final String ENTRY_KIND = "data-version";

	/** The method name version entries are listed under, followed by the data type. */
	public static final String NAME_PREFIX = "data version of ";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final CacheBackend backend;

	private final @Nullable EntrySigner signer;

	private final long refreshNanos;

	private final LongSupplier clock;

	private final Map<String, Known> known = new ConcurrentHashMap<>();

	/**
	 * @param backend where versions are kept
	 * @param signer signs the version entries as results are, {@code null} if results are not signed
	 * @param refresh how long a version read from the store is used before it is read again
	 */
	public StoredDataVersions(CacheBackend backend, @Nullable EntrySigner signer, Duration refresh) {
		this(backend, signer, refresh, System::nanoTime);
	}

	StoredDataVersions(CacheBackend backend, @Nullable EntrySigner signer, Duration refresh, LongSupplier clock) {
		if (refresh.isNegative()) {
			throw new IllegalArgumentException("The refresh interval of data versions must not be negative: " + refresh);
		}
		this.backend = backend;
		this.signer = signer;
		this.refreshNanos = refresh.toNanos();
		this.clock = clock;
	}

	@Override
	public String versionOf(String dataType) {
		long now = this.clock.getAsLong();
		Known cached = this.known.get(dataType);
		if (cached != null && now - cached.readAt() < this.refreshNanos) {
			return cached.token();
		}
		String token = read(dataType).orElseGet(() -> write(dataType));
		// A change made in this JVM while the store was read is newer than what was read: keep it.
		return this.known.merge(dataType, new Known(token, now),
				(current, read) -> (current.readAt() > read.readAt()) ? current : read).token();
	}

	@Override
	public void changed(String dataType) {
		try {
			this.known.put(dataType, new Known(write(dataType), this.clock.getAsLong()));
		}
		catch (CheckpointException ex) {
			// This JVM at least stops using results of the former data; others cannot be told.
			this.known.put(dataType, new Known(newToken(), this.clock.getAsLong()));
			throw ex;
		}
	}

	private Optional<String> read(String dataType) {
		CallKey key = keyOf(dataType);
		try {
			Optional<ByteBuffer> stored = this.backend.read(key);
			if (stored.isEmpty()) {
				return Optional.empty();
			}
			ByteBuffer payload = EntryFormat.decode(stored.get(), key, this.signer).payload();
			String token = StandardCharsets.UTF_8.decode(payload).toString();
			return token.isEmpty() ? Optional.empty() : Optional.of(token);
		}
		catch (DamagedEntryException ex) {
			return Optional.empty(); // replaced by a fresh token: only misses follow
		}
		catch (IOException | RuntimeException ex) {
			throw new CheckpointException("Cannot read the data version of " + dataType + " from " + this.backend.location()
					+ ": " + ex.getMessage(), ex);
		}
	}

	private String write(String dataType) {
		String token = newToken();
		EntryHeader header = new EntryHeader(ENTRY_KIND, NAME_PREFIX + dataType, Instant.now(), Duration.ZERO, "", 0,
				List.of());
		try {
			ByteBuffer entry = EntryFormat.encode(keyOf(dataType), header,
					(out) -> out.write(token.getBytes(StandardCharsets.UTF_8)), this.signer);
			this.backend.write(keyOf(dataType), entry);
		}
		catch (IOException | RuntimeException ex) {
			throw new CheckpointException("Cannot write the data version of " + dataType + " to "
					+ this.backend.location() + ": " + ex.getMessage(), ex);
		}
		return token;
	}

	private static String newToken() {
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	/** @return the key of a data type's version, which no call's key can equal (it has no code) */
	static CallKey keyOf(String dataType) {
		return CallKey.of(ENTRY_KIND.getBytes(StandardCharsets.UTF_8), dataType.getBytes(StandardCharsets.UTF_8),
				new byte[0][]);
	}

	/** @param readAt when it was read or written, by the clock */
	private record Known(String token, long readAt) {

	}

}
