package io.checkpointing.engine;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;

/**
 * The calls the {@link CallObserver} observes, each current on its thread while it runs, so that
 * the stages ({@link #stage}) nest in the call being made. As a listener, it tells the current
 * call what became of it: hit, miss, rerun, bypass, error.
 */
final class CallObservations implements CheckpointListener {

	/** How many characters of a key a call's observation names: enough to tell keys apart in a trace. */
	static final int KEY_PREFIX_LENGTH = 12;

	private final CallObserver observer;

	// One per engine on purpose: engines in one JVM must not see each other's calls.
	@SuppressWarnings("ThreadLocalUsage")
	private final ThreadLocal<CallObserver.@Nullable ObservedCall> current = new ThreadLocal<>();

	/** Whether checkpointing failed in the current call: its result stays {@code error}. */
	@SuppressWarnings("ThreadLocalUsage")
	private final ThreadLocal<Boolean> failed = ThreadLocal.withInitial(() -> false);

	CallObservations(CallObserver observer) {
		this.observer = GuardedObserver.of(observer);
	}

	/**
	 * Runs a call under its observation.
	 * @param method the method's display name
	 * @param call the call, as the engine makes it
	 * @return what it returns
	 * @throws Throwable what it throws
	 */
	@Nullable Object observe(String method, MethodCall.Body call) throws Throwable {
		if (this.observer == CallObserver.NONE) {
			return call.run();
		}
		CallObserver.ObservedCall observed = this.observer.start(method);
		CallObserver.ObservedCall outer = this.current.get();
		boolean outerFailed = this.failed.get();
		this.current.set(observed);
		this.failed.set(false);
		try {
			return call.run();
		}
		catch (Throwable ex) {
			observed.failed(ex);
			throw ex;
		}
		finally {
			this.current.set(outer);
			this.failed.set(outerFailed);
			observed.stop();
		}
	}

	/**
	 * @param stage {@code load}, {@code compute} or {@code store}
	 * @return the stage of the current call, to be closed when it ends
	 */
	CallObserver.Stage stage(String stage) {
		CallObserver.ObservedCall observed = this.current.get();
		return (observed != null) ? observed.stage(stage) : CallObserver.Stage.NONE;
	}

	void key(CallKey key) {
		CallObserver.ObservedCall observed = this.current.get();
		if (observed != null) {
			String hex = key.toString();
			observed.key(hex.substring(0, Math.min(KEY_PREFIX_LENGTH, hex.length())));
		}
	}

	private void result(String result) {
		CallObserver.ObservedCall observed = this.current.get();
		if (observed != null && !this.failed.get()) {
			observed.result(result);
		}
	}

	@Override
	public void hit(String method, long loadNanos, long savedNanos) {
		result("hit");
	}

	@Override
	public void miss(String method) {
		result("miss");
	}

	@Override
	public void rerun(String method) {
		result("rerun");
	}

	@Override
	public void bypassed(String method) {
		result("bypass");
	}

	/**
	 * A call in which checkpointing failed is an {@code error}, whatever became of it afterwards
	 * (a damaged entry then a miss, a condition that cannot be evaluated then a bypass), as its
	 * meters count it among the errors too.
	 */
	@Override
	public void error(String method, Exception failure) {
		result("error");
		if (this.current.get() != null) {
			this.failed.set(true);
		}
	}

}
