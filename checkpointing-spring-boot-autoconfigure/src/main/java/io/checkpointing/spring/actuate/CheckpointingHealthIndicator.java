package io.checkpointing.spring.actuate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CircuitBreakingBackend;
import io.checkpointing.store.FilesystemBackend;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports whether checkpointing's store can be used. A check is cheap and leaves nothing behind:
 * for the filesystem backend it creates and deletes one uniquely named file in the directory (and
 * creates nothing if the directory does not exist yet); for other stores it writes, reads back
 * and deletes one entry under a key unique to the check. Checks run one at a time, and a result
 * is reused for {@code cacheTimeToLive}: requests that arrive while a check runs share its
 * result, so a hundred concurrent requests make one check.
 *
 * <p>A store that fails is {@code DOWN} only when failures of checkpointing fail calls
 * ({@code checkpointing.on-error=raise}). Otherwise the application keeps serving correct
 * results without the store, and the component reports {@link #DEGRADED}: a status that Spring
 * Boot's default aggregation leaves out, so the application stays {@code UP}, with what failed and
 * since when in the details.
 */
public class CheckpointingHealthIndicator implements HealthIndicator {

	/** The store fails, and checkpointed methods run without it. */
	public static final Status DEGRADED = new Status("DEGRADED",
			"The checkpoint store fails; checkpointed methods run without it and return correct results");

	private static final byte[] PROBE_METHOD = "checkpointing health probe".getBytes(StandardCharsets.UTF_8);

	private final CacheBackend backend;

	private final boolean failuresAreDown;

	private final long cacheNanos;

	private final LongSupplier nanoTime;

	private final Object checking = new Object();

	private volatile @Nullable Checked last;

	/** When the current run of failed checks began; guarded by {@link #checking}. */
	private @Nullable Instant failingSince;

	/**
	 * @param backend the backend to check
	 * @param failuresAreDown whether a failing store is {@code DOWN} ({@code on-error=raise}),
	 * rather than {@link #DEGRADED}
	 * @param cacheTimeToLive how long a check's result is reused
	 */
	public CheckpointingHealthIndicator(CacheBackend backend, boolean failuresAreDown, Duration cacheTimeToLive) {
		this(backend, failuresAreDown, cacheTimeToLive, System::nanoTime);
	}

	CheckpointingHealthIndicator(CacheBackend backend, boolean failuresAreDown, Duration cacheTimeToLive,
			LongSupplier nanoTime) {
		if (cacheTimeToLive.isNegative()) {
			throw new IllegalArgumentException(
					"cacheTimeToLive (checkpointing.health.cache-time-to-live) must not be negative, was " + cacheTimeToLive);
		}
		this.backend = backend;
		this.failuresAreDown = failuresAreDown;
		this.cacheNanos = cacheTimeToLive.toNanos();
		this.nanoTime = nanoTime;
	}

	@Override
	public Health health() {
		long asked = this.nanoTime.getAsLong();
		Checked checked = this.last;
		if (checked != null && checked.answers(asked, this.cacheNanos)) {
			return checked.health();
		}
		synchronized (this.checking) {
			checked = this.last;
			if (checked != null && checked.answers(asked, this.cacheNanos)) {
				// Checked while this request waited: the check began before or after it arrived, either answers it.
				return checked.health();
			}
			Health health = check();
			this.last = new Checked(health, this.nanoTime.getAsLong());
			return health;
		}
	}

	private Health check() {
		CacheBackend store = (this.backend instanceof CircuitBreakingBackend breaker) ? breaker.delegate() : this.backend;
		Health.Builder builder = Health.unknown()
			.withDetail("backend", store.getClass().getSimpleName())
			.withDetail("location", this.backend.location());
		try {
			if (store instanceof FilesystemBackend filesystem) {
				probeDirectory(filesystem.directory(), builder);
			}
			else {
				probeStore();
			}
			this.failingSince = null;
			builder.up();
		}
		catch (IOException | RuntimeException ex) {
			if (this.failingSince == null) {
				this.failingSince = Instant.now();
			}
			builder.status(this.failuresAreDown ? Status.DOWN : DEGRADED)
				.withDetail("error", ex.getClass().getName() + ": " + ex.getMessage())
				.withDetail("failingSince", this.failingSince.toString());
		}
		if (this.backend instanceof CircuitBreakingBackend breaker) {
			builder.withDetail("breaker", breaker.state().name().toLowerCase(Locale.ROOT));
			breaker.openSince().ifPresent((since) -> builder.withDetail("breakerOpenSince", since.toString())
				.withDetail("breakerBackOff", breaker.backOff().toString()));
		}
		return builder.build();
	}

	/**
	 * Creates and deletes a file of its own in the directory; a directory that does not exist
	 * yet is not created (the first stored result creates it) but must be creatable.
	 */
	private static void probeDirectory(Path directory, Health.Builder builder) throws IOException {
		Path existing = directory;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			throw new IOException("Neither the checkpoint directory " + directory + " nor any folder above it exists");
		}
		if (!Files.isDirectory(existing)) {
			throw new IOException("The checkpoint directory " + directory + " is a file, not a directory;"
					+ " set checkpointing.directory to another path or remove the file");
		}
		if (existing.equals(directory)) {
			Files.delete(Files.createTempFile(directory, ".health-", ".tmp"));
		}
		else if (!Files.isWritable(existing)) {
			throw new IOException("The checkpoint directory " + directory + " does not exist and cannot be created:"
					+ " " + existing + " is not writable");
		}
		else {
			builder.withDetail("directory", "not created yet; the first stored result creates it");
		}
		FileStore store = Files.getFileStore(existing);
		builder.withDetail("free", store.getUsableSpace()).withDetail("total", store.getTotalSpace());
	}

	/** Under a key of this check alone, so that concurrent checks, here or elsewhere, never meet. */
	private void probeStore() throws IOException {
		byte[] unique = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
		CallKey key = CallKey.of(PROBE_METHOD, new byte[0], new byte[][] { unique });
		this.backend.write(key, ByteBuffer.wrap(unique));
		try {
			Optional<ByteBuffer> read = this.backend.read(key);
			if (read.isEmpty() || !read.get().equals(ByteBuffer.wrap(unique))) {
				throw new IOException("The probe entry written to " + this.backend.location() + " did not read back");
			}
		}
		finally {
			this.backend.delete(key);
		}
	}

	/** A check's result and when it completed. */
	private record Checked(Health health, long atNanos) {

		/** @return whether it is fresh, or completed after the request was made */
		boolean answers(long asked, long cacheNanos) {
			return this.atNanos - asked >= 0 || asked - this.atNanos < cacheNanos;
		}

	}

}
