package io.checkpointing.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.checkpointing.CheckpointException;
import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.KeyLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a missing key computed once. In this JVM, the first thread that misses a key computes it
 * and the others wait for its outcome, value or exception, as in Caffeine's
 * {@code get(key, mappingFunction)}; threads asking for other keys never wait. Across the
 * processes that share the store, the computing thread first {@linkplain #claim claims} the
 * store's lock of the key, or waits, polling with a growing pause, for the entry of the process
 * that holds it. A waiter that has waited {@code checkpointing.lock.timeout} computes the key
 * itself and says so: a slow holder costs time, never a result.
 *
 * <p>A thread that asks again for the key it is computing (recursion through an ignored
 * parameter) computes it again, neither waiting for itself nor taking the store's lock twice.
 */
final class MissCoordination {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private static final long FIRST_PAUSE_MILLIS = 5;

	private static final long LONGEST_PAUSE_MILLIS = 200;

	private final ConcurrentMap<CallKey, Flight> inFlight = new ConcurrentHashMap<>();

	private final CacheBackend backend;

	private final StoredResults results;

	private final FailurePolicy failures;

	private final Duration lockTimeout;

	MissCoordination(CacheBackend backend, StoredResults results, FailurePolicy failures, Duration lockTimeout) {
		this.backend = backend;
		this.results = results;
		this.failures = failures;
		this.lockTimeout = lockTimeout;
	}

	/**
	 * Computes a key that missed, once across the threads of this JVM and the processes that
	 * share the store, or returns what another one stored meanwhile.
	 * @param method the method called
	 * @param key the key that missed
	 * @param call the call, for the memory tier
	 * @param computation runs the method and stores its result, while this thread holds the key
	 * @return the call's result
	 * @throws Throwable whatever the computation throws, here or in the thread whose outcome was shared
	 */
	@Nullable Object computeOnce(CheckpointedMethod method, CallKey key, MethodCall call, MethodCall.Body computation)
			throws Throwable {
		Flight mine = new Flight(Thread.currentThread());
		Flight leader = this.inFlight.putIfAbsent(key, mine);
		if (leader != null) {
			return (leader.thread() == Thread.currentThread()) ? computeUnder(method, key, call, true, computation)
					: await(leader.outcome());
		}
		try {
			Object value = computeUnder(method, key, call, false, computation);
			mine.outcome().complete(value);
			return value;
		}
		catch (Throwable ex) {
			mine.outcome().completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(key, mine);
		}
	}

	private @Nullable Object computeUnder(CheckpointedMethod method, CallKey key, MethodCall call, boolean again,
			MethodCall.Body computation) throws Throwable {
		Claim claim = claim(method, key, call, again);
		if (claim instanceof Claim.Found found) {
			return method.shape().fromStored(found.stored().value());
		}
		KeyLock lock = ((Claim.Compute) claim).lock();
		try {
			return computation.run();
		}
		finally {
			release(method, key, lock);
		}
	}

	/**
	 * Claims a key this thread missed. A store that cannot lock is a failure under the policy,
	 * after which this process computes without the lock.
	 * @param again whether this thread is already computing the key further up its stack
	 */
	private Claim claim(CheckpointedMethod method, CallKey key, MethodCall call, boolean again) {
		// Another thread may have stored the result between our miss and our turn to compute.
		Stored stored = this.results.load(method, key, call);
		if (stored != null) {
			return new Claim.Found(stored);
		}
		if (again) {
			// This thread holds the key's lock further up its stack: it must not wait for itself.
			return new Claim.Compute(KeyLock.UNSHARED);
		}
		Claim claim;
		try {
			claim = waitForLockOrEntry(method, key, call);
		}
		catch (CheckpointException ex) {
			// A lookup while waiting failed under the RAISE policy: already reported.
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			this.failures.handle(method, CheckpointFailure.unlockable(method, this.backend.location(), ex));
			return new Claim.Compute(KeyLock.UNSHARED);
		}
		if (!(claim instanceof Claim.Compute compute) || compute.lock() == KeyLock.UNSHARED) {
			return claim;
		}
		try {
			// The holder before us may have stored it and let go between our miss and our lock.
			stored = this.results.load(method, key, call);
		}
		catch (RuntimeException | Error ex) {
			// Under RAISE a damaged entry throws here: the lock must not outlive this call.
			release(method, key, compute.lock());
			throw ex;
		}
		if (stored != null) {
			release(method, key, compute.lock());
			return new Claim.Found(stored);
		}
		return compute;
	}

	/**
	 * Takes the key's lock, or waits for the entry of the process that holds it.
	 * @throws IOException if the store's lock cannot be reached
	 */
	private Claim waitForLockOrEntry(CheckpointedMethod method, CallKey key, MethodCall call) throws IOException {
		long start = System.nanoTime();
		long timeoutNanos = nanosOf(this.lockTimeout);
		long pause = FIRST_PAUSE_MILLIS;
		while (true) {
			Optional<KeyLock> lock = this.backend.tryLock(key);
			if (lock.isPresent()) {
				return new Claim.Compute(lock.get());
			}
			Stored stored = this.results.load(method, key, call);
			if (stored != null) {
				return new Claim.Found(stored);
			}
			if (System.nanoTime() - start >= timeoutNanos) {
				logger.warn("{}: waited {} (checkpointing.lock.timeout) for another process to compute key {} in {};"
						+ " computing it here as well", method.name(), this.lockTimeout, key, this.backend.location());
				return new Claim.Compute(KeyLock.UNSHARED);
			}
			if (!sleep(pause)) {
				logger.debug("{}: interrupted while waiting for another process to compute key {}; computing it here",
						method.name(), key);
				return new Claim.Compute(KeyLock.UNSHARED);
			}
			pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
		}
	}

	private void release(CheckpointedMethod method, CallKey key, KeyLock lock) {
		try {
			lock.close();
		}
		catch (IOException | RuntimeException ex) {
			this.failures.handle(method, CheckpointFailure.unreleasable(method, this.backend.location(), key, ex));
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

	private static @Nullable Object await(CompletableFuture<Object> leader) throws Throwable {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return leader.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					throw ex.getCause();
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The thread computing a key, and the outcome it shares with the threads waiting for it. */
	private record Flight(Thread thread, CompletableFuture<Object> outcome) {

		Flight(Thread thread) {
			this(thread, new CompletableFuture<>());
		}

	}

}
