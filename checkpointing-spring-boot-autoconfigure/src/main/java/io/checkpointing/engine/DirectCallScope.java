package io.checkpointing.engine;

import java.util.function.Supplier;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;

/**
 * Marks the calls made directly inside {@link io.checkpointing.Checkpoints#rerun},
 * {@link io.checkpointing.Checkpoints#bypass} and {@link io.checkpointing.Checkpoints#get}. While
 * a marked method's own body runs the mark is lifted, so the checkpointed methods it calls behave
 * normally, as with the Python package's {@code foo.rerun(arg)} and {@code foo.fn(arg)}.
 */
final class DirectCallScope {

	/** What happens to a checkpointed call made directly inside the scope. */
	enum Mode {

		/** The method runs and replaces what was stored. */
		RERUN,

		/** The method runs; the store is neither read nor written. */
		BYPASS,

		/** The stored result is returned; the method never runs. */
		GET

	}

	// One per engine on purpose: engines in one JVM must not see each other's scopes.
	@SuppressWarnings("ThreadLocalUsage")
	private final ThreadLocal<@Nullable Frame> active = new ThreadLocal<>();

	/**
	 * @return the mode of a checkpointed call that starts now, counted as made in the scope;
	 * {@code null} outside any
	 */
	@Nullable Mode enter() {
		Frame frame = this.active.get();
		if (frame == null) {
			return null;
		}
		frame.calls++;
		return frame.mode;
	}

	/**
	 * Runs {@code calls} in a scope of the mode.
	 * @throws CheckpointException for {@code get} that made no checkpointed call, whose result
	 * could then not come from the store
	 */
	<T> T within(Mode mode, String operation, Supplier<T> calls) {
		Frame previous = this.active.get();
		Frame frame = new Frame(mode);
		this.active.set(frame);
		T result;
		try {
			result = calls.get();
		}
		finally {
			this.active.set(previous);
		}
		if (mode == Mode.GET && frame.calls == 0) {
			throw new CheckpointException(operation + "(...) saw no checkpointed call: call a @Checkpoint method of a"
					+ " Spring bean (through its proxy) inside the lambda");
		}
		return result;
	}

	/** @return the frame lifted, to be given back to {@link #restore} */
	@Nullable Object suspend() {
		Frame frame = this.active.get();
		if (frame != null) {
			this.active.remove();
		}
		return frame;
	}

	void restore(@Nullable Object suspended) {
		if (suspended != null) {
			this.active.set((Frame) suspended);
		}
	}

	private static final class Frame {

		private final Mode mode;

		private int calls;

		Frame(Mode mode) {
			this.mode = mode;
		}

	}

	/** What {@code get(...)} throws while checkpointing is disabled: nothing is stored. */
	static CheckpointException getWhileDisabled(MethodCall call) {
		return new CheckpointException("get(...): checkpointing is disabled (checkpointing.enabled=false), so"
				+ " nothing is stored for " + call.method().getDeclaringClass().getSimpleName() + "#"
				+ call.method().getName());
	}

	/** What {@code get(...)} throws when nothing is stored for the call. */
	static CheckpointException nothingStored(CheckpointedMethod method, MethodCall call, CallIdentity identity) {
		return new CheckpointException("get(...): nothing is stored for " + method.name() + "("
				+ ArgumentSummary.of(method.parameters(), call.arguments()) + ") under " + identity.key()
				+ "; call it outside get(...) to compute it");
	}

}
