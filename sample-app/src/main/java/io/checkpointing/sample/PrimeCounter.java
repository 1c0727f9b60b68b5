package io.checkpointing.sample;

import java.util.concurrent.atomic.AtomicLong;

import io.checkpointing.Checkpoint;

import org.springframework.stereotype.Service;

/**
 * Counts primes by trial division: deliberately slow and perfectly deterministic, the kind of
 * method {@code @Checkpoint} is for.
 */
@Service
public class PrimeCounter {

	private final AtomicLong computations = new AtomicLong();

	/**
	 * Counts the primes below {@code below}. About 2–3 seconds for ten million on a small machine.
	 * The result is stored in {@code checkpointing.directory}; later calls with the same argument
	 * read it back without running this body.
	 * @param below the exclusive upper bound
	 * @return how many primes are smaller than {@code below}
	 */
	@Checkpoint(name = "primes-below")
	public long countPrimesBelow(int below) {
		this.computations.incrementAndGet();
		long count = 0;
		for (int n = 2; n < below; n++) {
			if (isPrime(n)) {
				count++;
			}
		}
		return count;
	}

	/**
	 * How many times the body of {@link #countPrimesBelow(int)} has run in this JVM. A stored
	 * result does not run the body, so this does not change.
	 * @return the number of computations so far
	 */
	public long computations() {
		return this.computations.get();
	}

	private static boolean isPrime(int n) {
		for (int d = 2; (long) d * d <= n; d++) {
			if (n % d == 0) {
				return false;
			}
		}
		return true;
	}

}
