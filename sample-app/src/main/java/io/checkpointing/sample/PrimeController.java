package io.checkpointing.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /primes?below=N} answers with the number of primes below N, whether it was
 * {@code computed} during this request or read back from a {@code stored} checkpoint, and how
 * long the request took.
 */
@RestController
public class PrimeController {

	private final PrimeCounter primeCounter;

	public PrimeController(PrimeCounter primeCounter) {
		this.primeCounter = primeCounter;
	}

	@GetMapping("/primes")
	public PrimesResponse primes(@RequestParam(defaultValue = "10000000") int below) {
		long start = System.nanoTime();
		long computationsBefore = this.primeCounter.computations();
		long count = this.primeCounter.countPrimesBelow(below);
		// The body increments the counter only when it runs. With concurrent requests another
		// request's computation may be counted here; good enough for a demonstration.
		String source = (this.primeCounter.computations() != computationsBefore) ? "computed" : "stored";
		long millis = (System.nanoTime() - start) / 1_000_000;
		return new PrimesResponse(below, count, source, millis);
	}

	/**
	 * The JSON answer.
	 * @param below the exclusive upper bound
	 * @param count the number of primes below it
	 * @param source {@code computed} or {@code stored}
	 * @param millis how long the call took
	 */
	public record PrimesResponse(int below, long count, String source, long millis) {
	}

}
