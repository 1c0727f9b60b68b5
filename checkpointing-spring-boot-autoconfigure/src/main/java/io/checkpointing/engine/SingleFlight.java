package io.checkpointing.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;

/**
 * Lets one thread compute a key while the others that ask for the same key wait for its
 * outcome; threads asking for other keys never wait. The outcome, value or exception, is
 * shared with the waiters, as in Caffeine's {@code get(key, mappingFunction)}.
 */
final class SingleFlight {

	private final ConcurrentMap<CallKey, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

	@Nullable Object run(CallKey key, MethodCall.Body computation) throws Throwable {
		CompletableFuture<Object> mine = new CompletableFuture<>();
		CompletableFuture<Object> leader = this.inFlight.putIfAbsent(key, mine);
		if (leader != null) {
			return await(leader);
		}
		try {
			Object value = computation.run();
			mine.complete(value);
			return value;
		}
		catch (Throwable ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(key, mine);
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

}
