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
 * shared with the waiters, as in Caffeine's {@code get(key, mappingFunction)}. A thread that asks
 * again for the key it is computing (recursion through an ignored parameter) computes it again
 * instead of waiting for itself.
 */
final class SingleFlight {

	private final ConcurrentMap<CallKey, Flight> inFlight = new ConcurrentHashMap<>();

	@Nullable Object run(CallKey key, MethodCall.Body computation) throws Throwable {
		Flight mine = new Flight(Thread.currentThread());
		Flight leader = this.inFlight.putIfAbsent(key, mine);
		if (leader != null) {
			return (leader.thread() == Thread.currentThread()) ? computation.run() : await(leader.outcome());
		}
		try {
			Object value = computation.run();
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

	private record Flight(Thread thread, CompletableFuture<Object> outcome) {

		Flight(Thread thread) {
			this(thread, new CompletableFuture<>());
		}

	}

}
