package io.checkpointing.spring.observation;

import io.checkpointing.engine.CallObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes each checkpointed call as a Micrometer {@link Observation} named
 * {@value CheckpointingObservations#CALL}, opened in scope on the calling thread, so that
 * observations made inside the method (a query, an HTTP call) are its children; each stage
 * (load, compute, store) is a child observation of its own.
 */
public final class ObservationCallObserver implements CallObserver {

	private final ObservationRegistry registry;

	/**
	 * @param registry where the observations go
	 */
	public ObservationCallObserver(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public ObservedCall start(String method) {
		if (this.registry.isNoop()) {
			return ObservedCall.NONE;
		}
		Observation observation = Observation.createNotStarted(CheckpointingObservations.CALL, this.registry)
			.contextualName("checkpoint " + method)
			.lowCardinalityKeyValue(CheckpointingObservations.METHOD, method)
			.start();
		return new Observed(observation, observation.openScope(), method);
	}

	private final class Observed implements ObservedCall {

		private final Observation observation;

		private final Observation.Scope scope;

		private final String method;

		private String result = "miss";

		Observed(Observation observation, Observation.Scope scope, String method) {
			this.observation = observation;
			this.scope = scope;
			this.method = method;
		}

		@Override
		public Stage stage(String stage) {
			Observation child = Observation
				.createNotStarted(CheckpointingObservations.STAGE_PREFIX + stage, ObservationCallObserver.this.registry)
				.contextualName("checkpoint " + stage)
				.parentObservation(this.observation)
				.lowCardinalityKeyValue(CheckpointingObservations.METHOD, this.method)
				.start();
			Observation.Scope childScope = child.openScope();
			return () -> {
				childScope.close();
				child.stop();
			};
		}

		@Override
		public void key(String keyPrefix) {
			this.observation.highCardinalityKeyValue(CheckpointingObservations.KEY, keyPrefix);
		}

		@Override
		public void result(String result) {
			this.result = result;
		}

		@Override
		public void failed(Throwable failure) {
			this.observation.error(failure);
		}

		@Override
		public void stop() {
			this.observation.lowCardinalityKeyValue(CheckpointingObservations.RESULT, this.result);
			this.scope.close();
			this.observation.stop();
		}

	}

}
