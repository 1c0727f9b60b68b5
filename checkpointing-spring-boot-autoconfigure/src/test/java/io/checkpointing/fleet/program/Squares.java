package io.checkpointing.fleet.program;

import java.util.UUID;

import io.checkpointing.Checkpoint;

import org.springframework.stereotype.Component;

/**
 * A checkpointed method whose result names the run that computed it, so processes that see the
 * same value for a key saw the one stored result.
 */
@Component
public class Squares {

	private final RunCounter runs;

	Squares(RunCounter runs) {
		this.runs = runs;
	}

	@Checkpoint
	public String square(int n) throws InterruptedException {
		this.runs.increment();
		Thread.sleep(20); // long enough for other processes to miss the same key meanwhile
		return (n * n) + " computed by run " + UUID.randomUUID();
	}

}
