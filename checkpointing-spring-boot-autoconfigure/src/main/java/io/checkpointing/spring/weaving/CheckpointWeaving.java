package io.checkpointing.spring.weaving;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.checkpointing.engine.CheckpointEngine;
import org.aspectj.lang.JoinPoint;
import org.jspecify.annotations.Nullable;

/**
 * Tells the {@link WovenCheckpointAspect woven aspect} which engine runs checkpointed calls. An
 * application context binds itself while it runs: in {@code checkpointing.mode=aspectj} to its
 * engine, in {@code proxy} mode to none (its proxies checkpoint, the woven aspect only proceeds).
 * The newest binding that is still open wins, so a child context or a test context takes over
 * and hands back when it closes.
 *
 * <p>With no binding (a plain {@code main}, or code that runs before the context starts), the
 * woven aspect uses an engine configured by system properties when
 * {@code -Dcheckpointing.mode=aspectj} is set (see {@link StandaloneEngine}); otherwise the
 * method runs plainly and a warning says so once.
 */
public final class CheckpointWeaving {

	private static final List<Binding> bindings = new ArrayList<>();

	private static volatile @Nullable Binding current;

	private CheckpointWeaving() {
	}

	/**
	 * Makes woven checkpointed methods use an engine until the binding is closed.
	 * @param engine supplies the engine on the first woven call, so binding early costs nothing
	 * @return the binding, to close when the engine goes away
	 */
	public static Binding bind(Supplier<CheckpointEngine> engine) {
		return open(new Binding(Objects.requireNonNull(engine, "engine must not be null")));
	}

	/**
	 * Makes woven checkpointed methods run plainly until the binding is closed, because proxies
	 * checkpoint them.
	 * @return the binding, to close when the proxies go away
	 */
	public static Binding bindProxyMode() {
		return open(new Binding(null));
	}

	/**
	 * @param joinPoint the woven method being executed, named if a warning is logged
	 * @return the engine that runs the call, or {@code null} to run the method plainly
	 */
	static @Nullable CheckpointEngine engineFor(JoinPoint.StaticPart joinPoint) {
		Binding binding = current;
		if (binding != null) {
			return binding.engine();
		}
		return StandaloneEngine.forUnboundCall(joinPoint);
	}

	/**
	 * @return whether a context is bound, and the engine it binds ({@code null} in proxy mode); for tests
	 */
	static @Nullable Binding currentBinding() {
		return current;
	}

	private static Binding open(Binding binding) {
		synchronized (bindings) {
			bindings.add(binding);
			current = binding;
		}
		return binding;
	}

	private static void close(Binding binding) {
		synchronized (bindings) {
			bindings.remove(binding);
			current = bindings.isEmpty() ? null : bindings.get(bindings.size() - 1);
		}
	}

	/** A context's claim on the woven aspect, from its start to its close. */
	public static final class Binding implements AutoCloseable {

		private final @Nullable Supplier<CheckpointEngine> source;

		private volatile @Nullable CheckpointEngine engine;

		/**
		 * Held while the engine bean is got from the context on the first woven call, which may
		 * wait for the bean's creation: a lock rather than a monitor, so that a virtual thread
		 * waiting here does not pin its carrier thread (Java 21 to 23 pin inside {@code synchronized}).
		 */
		private final ReentrantLock resolving = new ReentrantLock();

		private Binding(@Nullable Supplier<CheckpointEngine> source) {
			this.source = source;
		}

		/** @return the bound engine, {@code null} in proxy mode */
		@Nullable CheckpointEngine engine() {
			CheckpointEngine engine = this.engine;
			if (engine == null && this.source != null) {
				this.resolving.lock();
				try {
					engine = this.engine;
					if (engine == null) {
						engine = Objects.requireNonNull(this.source.get(), "the bound engine supplier returned null");
						this.engine = engine;
					}
				}
				finally {
					this.resolving.unlock();
				}
			}
			return engine;
		}

		/** Hands the woven aspect back to the binding before this one, or to none. */
		@Override
		public void close() {
			CheckpointWeaving.close(this);
		}

	}

}
