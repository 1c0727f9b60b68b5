package io.checkpointing.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips a store that cannot be reached. After {@code failures} consecutive connection failures
 * (see {@link ConnectionFailures}) the breaker opens: reads, writes, locks and deletes fail at
 * once with a {@link StoreSkippedException}, without reaching the store, for a back-off that
 * starts at {@code initialBackOff} and doubles, up to {@code maxBackOff}, each time a probe
 * finds the store still down. When the back-off has passed, one call is let through as the
 * probe (the others are still skipped): if the store answers, the breaker closes.
 *
 * <p>Opening and closing are logged once each; failures in between are the engine's to report.
 * An answer that is an error (a damaged entry, a refused statement) means the store is reachable
 * and counts as a success. Listing and clearing, which an administrator asks for, always reach
 * the store.
 */
public final class CircuitBreakingBackend implements CacheBackend {

	private static final Logger logger = LoggerFactory.getLogger(CircuitBreakingBackend.class);

	/** Where the breaker is. */
	public enum State {

		/** The store is used. */
		CLOSED,

		/** The store is skipped until the back-off has passed. */
		OPEN,

		/** One call probes the store; the others are skipped. */
		HALF_OPEN

	}

	private final CacheBackend delegate;

	private final int failures;

	private final Duration initialBackOff;

	private final Duration maxBackOff;

	private final LongSupplier nanoTime;

	private volatile State state = State.CLOSED;

	private volatile int consecutiveFailures;

	private Duration backOff;

	private long retryAtNanos;

	private @Nullable Instant openedAt;

	private String skipped = "";

	/**
	 * @param delegate the store
	 * @param failures how many consecutive connection failures open the breaker, at least 1
	 * @param initialBackOff how long the store is skipped after it opens, positive
	 * @param maxBackOff the longest back-off, at least {@code initialBackOff}
	 */
	public CircuitBreakingBackend(CacheBackend delegate, int failures, Duration initialBackOff, Duration maxBackOff) {
		this(delegate, failures, initialBackOff, maxBackOff, System::nanoTime);
	}

	CircuitBreakingBackend(CacheBackend delegate, int failures, Duration initialBackOff, Duration maxBackOff,
			LongSupplier nanoTime) {
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
		if (failures < 1) {
			throw new IllegalArgumentException("failures (checkpointing.breaker.failures) must be at least 1, was " + failures);
		}
		if (initialBackOff.isNegative() || initialBackOff.isZero()) {
			throw new IllegalArgumentException(
					"initialBackOff (checkpointing.breaker.initial-back-off) must be positive, was " + initialBackOff);
		}
		if (maxBackOff.compareTo(initialBackOff) < 0) {
			throw new IllegalArgumentException("maxBackOff (checkpointing.breaker.max-back-off) " + maxBackOff
					+ " must not be shorter than initialBackOff (checkpointing.breaker.initial-back-off) " + initialBackOff);
		}
		this.failures = failures;
		this.initialBackOff = initialBackOff;
		this.maxBackOff = maxBackOff;
		this.backOff = initialBackOff;
		this.nanoTime = nanoTime;
	}

	/**
	 * @return the store this breaker guards
	 */
	public CacheBackend delegate() {
		return this.delegate;
	}

	/**
	 * @return where the breaker is now
	 */
	public State state() {
		return this.state;
	}

	/**
	 * @return when the breaker last opened, while it is not closed
	 */
	public synchronized Optional<Instant> openSince() {
		return (this.state != State.CLOSED) ? Optional.ofNullable(this.openedAt) : Optional.empty();
	}

	/**
	 * @return the back-off the breaker waits now, or will wait when it next opens
	 */
	public synchronized Duration backOff() {
		return this.backOff;
	}

	@Override
	public Optional<ByteBuffer> read(CallKey key) throws IOException {
		return guarded(() -> this.delegate.read(key));
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) throws IOException {
		guarded(() -> {
			this.delegate.write(key, entry);
			return Boolean.TRUE;
		});
	}

	/** Opening the entry is guarded; a failure while its stream is read is the reader's to handle. */
	@Override
	public Optional<InputStream> readStream(CallKey key) throws IOException {
		return guarded(() -> this.delegate.readStream(key));
	}

	@Override
	public Optional<ByteBuffer> readHead(CallKey key) throws IOException {
		return guarded(() -> this.delegate.readHead(key));
	}

	@Override
	public void writeStream(CallKey key, EntryWriter entry) throws IOException {
		guarded(() -> {
			this.delegate.writeStream(key, entry);
			return Boolean.TRUE;
		});
	}

	@Override
	public boolean delete(CallKey key) throws IOException {
		return guarded(() -> this.delegate.delete(key));
	}

	@Override
	public Optional<KeyLock> tryLock(CallKey key) throws IOException {
		return guarded(() -> this.delegate.tryLock(key));
	}

	@Override
	public Stream<StoredEntry> list() throws IOException {
		return this.delegate.list();
	}

	@Override
	public void clear() throws IOException {
		this.delegate.clear();
	}

	@Override
	public String location() {
		return this.delegate.location();
	}

	private <T> T guarded(StoreCall<T> call) throws IOException {
		boolean probe = admit();
		T result;
		try {
			result = call.run();
		}
		catch (IOException | RuntimeException ex) {
			if (ConnectionFailures.isConnectionFailure(ex)) {
				failed(ex, probe);
			}
			else {
				answered();
			}
			throw ex;
		}
		answered();
		return result;
	}

	/**
	 * @return whether this call is the probe of a half-open breaker
	 * @throws StoreSkippedException if the store is to be skipped
	 */
	private boolean admit() throws StoreSkippedException {
		if (this.state == State.CLOSED) {
			return false;
		}
		synchronized (this) {
			if (this.state == State.OPEN && this.nanoTime.getAsLong() - this.retryAtNanos >= 0) {
				this.state = State.HALF_OPEN;
				return true;
			}
			if (this.state == State.CLOSED) {
				return false;
			}
			throw new StoreSkippedException(this.skipped);
		}
	}

	private void answered() {
		if (this.state == State.CLOSED && this.consecutiveFailures == 0) {
			return;
		}
		synchronized (this) {
			if (this.state != State.CLOSED) {
				logger.info("The checkpoint store {} answers again; checkpointing uses it again (it was skipped since {}).",
						this.delegate.location(), this.openedAt);
			}
			this.state = State.CLOSED;
			this.consecutiveFailures = 0;
			this.backOff = this.initialBackOff;
			this.openedAt = null;
		}
	}

	private synchronized void failed(Exception failure, boolean probe) {
		if (probe) {
			// Still down: wait longer before the next probe.
			Duration doubled = this.backOff.multipliedBy(2);
			this.backOff = (doubled.compareTo(this.maxBackOff) > 0) ? this.maxBackOff : doubled;
			open(failure);
			logger.debug("The checkpoint store {} is still unreachable; next probe in {}", this.delegate.location(),
					this.backOff, failure);
			return;
		}
		this.consecutiveFailures++;
		if (this.state == State.CLOSED && this.consecutiveFailures >= this.failures) {
			this.openedAt = Instant.now();
			open(failure);
			logger.warn("The checkpoint store {} failed to connect {} times in a row: {}. Checkpointed methods run"
					+ " without it for {}, then one call probes it, waiting up to {} between probes"
					+ " (checkpointing.breaker.*). This is logged once; its recovery is logged too.",
					this.delegate.location(), this.consecutiveFailures, failure.getMessage(), this.backOff,
					this.maxBackOff);
		}
	}

	private void open(Exception failure) {
		this.state = State.OPEN;
		this.retryAtNanos = this.nanoTime.getAsLong() + saturatedNanos(this.backOff);
		this.skipped = "the store " + this.delegate.location() + " is skipped since " + this.openedAt
				+ " after consecutive connection failures (circuit breaker open, checkpointing.breaker.*); the last: "
				+ failure.getMessage();
	}

	/** A back-off of centuries is as good as forever; {@link Duration#toNanos()} would overflow. */
	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 2;
		}
	}

	@FunctionalInterface
	private interface StoreCall<T> {

		T run() throws IOException;

	}

}
