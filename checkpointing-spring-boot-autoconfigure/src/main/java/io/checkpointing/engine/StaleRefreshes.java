package io.checkpointing.engine;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.KeyLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes stale entries in the background ({@code @Checkpoint(refreshAfter)}), as Caffeine's
 * {@code refreshAfterWrite}: the caller got the stale result already. One refresh per key at a
 * time in this JVM; across processes, the one that takes the store's lock of the key refreshes
 * it and the others leave it alone (they keep returning the stale entry until it is replaced).
 * A refresh that fails keeps the stale entry and is reported under the method's error policy.
 */
final class StaleRefreshes {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final Set<CallKey> refreshing = ConcurrentHashMap.newKeySet();

	private final Executor executor;

	/** The executor this made, as none was given: {@link #close()} shuts it down. */
	private final @Nullable ExecutorService owned;

	private final CacheBackend backend;

	private final StoredResults results;

	private final FailurePolicy failures;

	/**
	 * @param executor the executor refreshes run on; {@code null} for one of their own
	 * ({@link #defaultExecutor()}), which {@link #close()} shuts down
	 */
	StaleRefreshes(@Nullable Executor executor, CacheBackend backend, StoredResults results, FailurePolicy failures) {
		if (executor != null) {
			this.executor = executor;
			this.owned = null;
		}
		else {
			ExecutorService own = defaultExecutor();
			this.executor = own;
			this.owned = own;
		}
		this.backend = backend;
		this.results = results;
		this.failures = failures;
	}

	/**
	 * Starts refreshing a stale entry, unless this JVM refreshes its key already.
	 * @param staleCreated when the stale entry was stored
	 * @param computation runs the method and stores its result
	 */
	void refresh(CheckpointedMethod method, CallKey key, Instant staleCreated, MethodCall.Body computation) {
		if (!this.refreshing.add(key)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				try {
					refreshUnderLock(method, key, staleCreated, computation);
				}
				finally {
					this.refreshing.remove(key);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.refreshing.remove(key);
			this.failures.handleInBackground(method, CheckpointFailure.refreshing(method, ex));
		}
	}

	private void refreshUnderLock(CheckpointedMethod method, CallKey key, Instant staleCreated,
			MethodCall.Body computation) {
		Optional<KeyLock> lock;
		try {
			lock = this.backend.tryLock(key);
		}
		catch (IOException | RuntimeException ex) {
			this.failures.handleInBackground(method, CheckpointFailure.refreshing(method, ex));
			return;
		}
		if (lock.isEmpty()) {
			logger.debug("Not refreshing {} {}: another process holds its lock", method.name(), key);
			return;
		}
		try {
			// Another process may have replaced it between our stale read and our lock.
			Instant storedAt = storedAt(key);
			if (storedAt != null && storedAt.isAfter(staleCreated)) {
				return;
			}
			logger.debug("Refreshing the stale entry of {} {}", method.name(), key);
			computation.run();
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			this.failures.handleInBackground(method, CheckpointFailure.refreshing(method, ex));
		}
		finally {
			try {
				lock.get().close();
			}
			catch (IOException | RuntimeException ex) {
				this.failures.handleInBackground(method, CheckpointFailure.unreleasable(method, this.backend.location(), key, ex));
			}
		}
	}

	/**
	 * Shuts down the executor made for the refreshes, if none was given: refreshes under way
	 * finish; a later one is refused, and reported as a failed refresh.
	 */
	void close() {
		if (this.owned != null) {
			this.owned.shutdown();
		}
	}

	/**
	 * The executor refreshes run on unless the application gives one: a virtual thread per refresh
	 * on Java 21 and later, else daemon threads that end when idle.
	 */
	private static ExecutorService defaultExecutor() {
		try {
			return (ExecutorService) MethodHandles.publicLookup()
				.findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
				.invoke();
		}
		catch (Throwable ex) {
			// Before Java 21 there is no such method.
			return platformThreads();
		}
	}

	private static ExecutorService platformThreads() {
		AtomicInteger threads = new AtomicInteger();
		return Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "checkpointing-refresh-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** @return when the key's entry was stored, or {@code null} if it is missing or cannot be read */
	private @Nullable Instant storedAt(CallKey key) {
		try {
			EntryHeader header = this.results.storedHeader(key);
			return (header != null) ? header.created() : null;
		}
		catch (IOException ex) {
			return null; // the refresh goes ahead
		}
	}

}
