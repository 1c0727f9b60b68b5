package io.checkpointing.engine;

import java.util.function.Supplier;

/**
 * Marks the calls made directly inside {@link io.checkpointing.Checkpoints#rerun}. While a
 * rerun method's own body runs the mark is lifted, so the checkpointed methods it calls behave
 * normally, as with the Python package's {@code foo.rerun(arg)}.
 */
final class RerunScope {

	private final ThreadLocal<Boolean> active = ThreadLocal.withInitial(() -> Boolean.FALSE);

	boolean isActive() {
		return this.active.get();
	}

	<T> T rerunning(Supplier<T> calls) {
		Boolean previous = this.active.get();
		this.active.set(Boolean.TRUE);
		try {
			return calls.get();
		}
		finally {
			this.active.set(previous);
		}
	}

	/** @return whether the mark was set, to be given back to {@link #restore} */
	boolean suspend() {
		boolean wasActive = this.active.get();
		if (wasActive) {
			this.active.set(Boolean.FALSE);
		}
		return wasActive;
	}

	void restore(boolean wasActive) {
		if (wasActive) {
			this.active.set(Boolean.TRUE);
		}
	}

}
