package io.checkpointing.engine;

import java.time.Duration;

import io.checkpointing.engine.RecentCall.Outcome;
import io.checkpointing.serial.ResultSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a method's body and stores its result: the compute and store stages of a miss, a rerun
 * or a refresh, observed and recorded, honouring the method's {@code unless}.
 */
final class Computations {

	private final DirectCallScope directCalls;

	private final CallObservations observations;

	private final CheckpointListener listener;

	private final RecentCalls recent;

	private final CallConditions conditions;

	private final StoredResults results;

	Computations(DirectCallScope directCalls, CallObservations observations, CheckpointListener listener,
			RecentCalls recent, CallConditions conditions, StoredResults results) {
		this.directCalls = directCalls;
		this.observations = observations;
		this.listener = listener;
		this.recent = recent;
		this.conditions = conditions;
		this.results = results;
	}

	/**
	 * Runs the method and stores its result, as its shape says: at once, or, for futures and
	 * reactive results, when they complete. Those complete after the lock of other processes is
	 * released: for them, other processes may compute the same key while this one has not yet
	 * stored it. The call is recorded as {@code outcome} once the method ran.
	 */
	@Nullable Object runAndStore(CheckpointedMethod method, CallIdentity identity, ResultSerializer serializer,
			MethodCall call, Outcome outcome, long callStart) throws Throwable {
		long start = System.nanoTime();
		Object result;
		CallObserver.Stage stage = this.observations.stage("compute");
		try {
			result = runBody(call);
		}
		finally {
			stage.close();
			this.listener.computed(method.name(), System.nanoTime() - start);
			this.recent.record(method, outcome, identity, callStart);
		}
		return method.shape().storing(result, new ResultShape.Storing() {

			@Override
			public void now(@Nullable Object content) {
				store(content, false);
			}

			@Override
			public void whenCompleted(@Nullable Object content) {
				store(content, true);
			}

			private void store(@Nullable Object content, boolean asynchronous) {
				if (Computations.this.conditions.vetoes(method, call, content, asynchronous)) {
					return;
				}
				Computations.this.results.store(method, identity, serializer, call, content,
						Duration.ofNanos(System.nanoTime() - start), asynchronous);
			}

		});
	}

	/** Runs the method's body with the rerun, bypass or get mark lifted, so the methods it calls behave normally. */
	@Nullable Object runBody(MethodCall call) throws Throwable {
		Object suspended = this.directCalls.suspend();
		try {
			return call.body().run();
		}
		finally {
			this.directCalls.restore(suspended);
		}
	}

}
