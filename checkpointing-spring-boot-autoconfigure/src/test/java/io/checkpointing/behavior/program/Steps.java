package io.checkpointing.behavior.program;

import io.checkpointing.Checkpoint;

import org.springframework.stereotype.Component;

/**
 * A bean whose checkpointed methods a proxy cannot see when they are called from inside the
 * bean, when they are private, or when they are static. Prints {@code Running <method>} whenever a
 * body runs.
 */
@Component
public class Steps {

	/** Calls a checkpointed method of this bean on {@code this}, bypassing any proxy. */
	public int squareViaSelf(int n) {
		return square(n);
	}

	/** Calls a private checkpointed method. */
	public int cubeViaPrivate(int n) {
		return cube(n);
	}

	@Checkpoint
	public int square(int n) {
		System.out.println("Running square");
		return n * n;
	}

	@Checkpoint
	private int cube(int n) {
		System.out.println("Running cube");
		return n * n * n;
	}

	@Checkpoint
	public static int negate(int n) {
		System.out.println("Running negate");
		return -n;
	}

}
