package io.checkpointing.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.KeyLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one process compute a missing key while the other processes that share the store wait
 * for its entry, polling with a growing pause. A waiter that has waited
 * {@code checkpointing.lock.timeout} computes the key itself and says so: a slow holder costs
 * time, never a result.
 */
final class KeyLockWaiter {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private static final long FIRST_PAUSE_MILLIS = 5;

	private static final long LONGEST_PAUSE_MILLIS = 200;

	private final CacheBackend backend;

	private final Duration timeout;

	KeyLockWaiter(CacheBackend backend, Duration timeout) {
		this.backend = backend;
		this.timeout = timeout;
	}

	/**
	 * Takes the key's lock, or waits for the entry of the process that holds it.
	 * @param methodName the method, for the log
	 * @param key the missing key
	 * @param lookup reads the key's entry; {@code null} while there is none
	 * @return the lock to compute under, or the entry another process stored
	 * @throws IOException if the store's lock cannot be reached
	 */
	Claim claim(String methodName, CallKey key, Supplier<@Nullable Stored> lookup) throws IOException {
		long start = System.nanoTime();
		long timeoutNanos = nanosOf(this.timeout);
		long pause = FIRST_PAUSE_MILLIS;
		while (true) {
			Optional<KeyLock> lock = this.backend.tryLock(key);
			if (lock.isPresent()) {
				return new Claim(lock.get(), null);
			}
			Stored stored = lookup.get();
			if (stored != null) {
				return new Claim(null, stored);
			}
			if (System.nanoTime() - start >= timeoutNanos) {
				logger.warn("{}: waited {} (checkpointing.lock.timeout) for another process to compute key {} in {};"
						+ " computing it here as well", methodName, this.timeout, key, this.backend.location());
				return new Claim(KeyLock.UNSHARED, null);
			}
			if (!sleep(pause)) {
				logger.debug("{}: interrupted while waiting for another process to compute key {}; computing it here",
						methodName, key);
				return new Claim(KeyLock.UNSHARED, null);
			}
			pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
		}
	}

	/** A timeout of centuries is as good as none; {@link Duration#toNanos()} would overflow. */
	private static long nanosOf(Duration timeout) {
		try {
			return timeout.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	/** @return {@code false} if the thread was interrupted, with its interrupt status kept */
	private static boolean sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * What waiting ended with: a lock to compute under, or the entry that another process stored.
	 * @param lock the lock, or {@code null} if an entry was found
	 * @param stored the entry found, or {@code null} if this process computes
	 */
	record Claim(@Nullable KeyLock lock, @Nullable Stored stored) {

	}

}
