package io.checkpointing.engine;

/**
 * Observes each checkpointed call as it happens, for tracing: the call, then its stages
 * ({@code load}, {@code compute}, {@code store}) nested in it, each opened and closed on the
 * thread that runs it. The Spring adapter implements it with Micrometer's Observation API, so
 * that a tracer shows a span per call with its stages as children. Unlike a
 * {@link CheckpointListener}, which hears of what happened, an observer is told when things start.
 */
@FunctionalInterface
public interface CallObserver {

	/** Observes nothing. */
	CallObserver NONE = (method) -> ObservedCall.NONE;

	/**
	 * Starts observing a call, made current on the calling thread until {@link ObservedCall#stop}.
	 * @param method the method's display name
	 * @return the observed call
	 */
	ObservedCall start(String method);

	/** A call being observed. Its methods are called on the thread that made the call. */
	interface ObservedCall {

		/** Observes nothing. */
		ObservedCall NONE = new ObservedCall() {
		};

		/**
		 * Starts a stage of the call, current on this thread until it is closed.
		 * @param stage {@code load}, {@code compute} or {@code store}
		 * @return closes the stage
		 */
		default Stage stage(String stage) {
			return Stage.NONE;
		}

		/**
		 * @param keyPrefix the first characters of the call's key
		 */
		default void key(String keyPrefix) {
		}

		/**
		 * @param result {@code hit}, {@code miss}, {@code rerun}, {@code bypass} or {@code error}
		 */
		default void result(String result) {
		}

		/**
		 * @param failure what the method threw
		 */
		default void failed(Throwable failure) {
		}

		/** Ends the observation of the call. */
		default void stop() {
		}

	}

	/** A stage being observed. */
	@FunctionalInterface
	interface Stage extends AutoCloseable {

		/** A stage not observed. */
		Stage NONE = () -> {
		};

		@Override
		void close();

	}

}
