package io.checkpointing.engine;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CallObserver} whose failures never reach the call it observes: an observation handler
 * or tracing bridge that throws costs the trace, not the caller's result. The first failure is
 * logged as a warning, later ones at DEBUG.
 */
final class GuardedObserver implements CallObserver {

	private static final Logger logger = LoggerFactory.getLogger(GuardedObserver.class);

	private final CallObserver observer;

	private final AtomicBoolean warned = new AtomicBoolean();

	private GuardedObserver(CallObserver observer) {
		this.observer = observer;
	}

	static CallObserver of(CallObserver observer) {
		return (observer == CallObserver.NONE || observer instanceof GuardedObserver) ? observer
				: new GuardedObserver(observer);
	}

	@Override
	public ObservedCall start(String method) {
		try {
			return new GuardedCall(this.observer.start(method));
		}
		catch (RuntimeException ex) {
			report(ex);
			return ObservedCall.NONE;
		}
	}

	private void report(RuntimeException ex) {
		if (this.warned.compareAndSet(false, true)) {
			logger.warn("Observing a checkpointed call failed; the call goes on unobserved. Later failures are "
					+ "logged at DEBUG", ex);
		}
		else {
			logger.debug("Observing a checkpointed call failed", ex);
		}
	}

	/** Runs one step of the observer, reporting its failure instead of throwing it. */
	private void guarded(Runnable step) {
		try {
			step.run();
		}
		catch (RuntimeException ex) {
			report(ex);
		}
	}

	private final class GuardedCall implements ObservedCall {

		private final ObservedCall call;

		GuardedCall(ObservedCall call) {
			this.call = call;
		}

		@Override
		public Stage stage(String stage) {
			try {
				Stage started = this.call.stage(stage);
				return () -> guarded(started::close);
			}
			catch (RuntimeException ex) {
				report(ex);
				return Stage.NONE;
			}
		}

		@Override
		public void key(String keyPrefix) {
			guarded(() -> this.call.key(keyPrefix));
		}

		@Override
		public void result(String result) {
			guarded(() -> this.call.result(result));
		}

		@Override
		public void failed(Throwable failure) {
			guarded(() -> this.call.failed(failure));
		}

		@Override
		public void stop() {
			guarded(this.call::stop);
		}

	}

}
