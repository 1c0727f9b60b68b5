package io.checkpointing.sample;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.checkpointing.engine.CheckpointListener;

import org.springframework.stereotype.Component;

/**
 * Finds out, per call, whether a checkpointed method returned a stored result ({@code hit}) or
 * ran ({@code miss}). The checkpointing engine tells every {@link CheckpointListener} bean what
 * it does with each call, on the calling thread; this listener writes that down for the calls
 * made inside {@link #record(String, Supplier)} on the same thread, so concurrent requests do
 * not see each other's calls.
 */
@Component
public class StepOutcomes implements CheckpointListener {

	private final ThreadLocal<Map<String, String>> outcomes = ThreadLocal.withInitial(HashMap::new);

	/**
	 * Calls a checkpointed method and says what happened.
	 * @param method the display name of the method that {@code call} calls, such as
	 * {@code Trainer#train}
	 * @param call the call
	 * @param <T> its result type
	 * @return the result, what happened and how long it took
	 */
	public <T> Outcome<T> record(String method, Supplier<T> call) {
		Map<String, String> outcomes = this.outcomes.get();
		outcomes.remove(method);
		long start = System.nanoTime();
		try {
			T value = call.get();
			long millis = (System.nanoTime() - start) / 1_000_000;
			// No event: another thread was computing the same call and this one waited for its result.
			return new Outcome<>(value, outcomes.getOrDefault(method, "shared"), millis);
		}
		finally {
			outcomes.remove(method);
		}
	}

	@Override
	public void hit(String method, long loadNanos, long savedNanos) {
		this.outcomes.get().put(method, "hit");
	}

	@Override
	public void miss(String method) {
		this.outcomes.get().put(method, "miss");
	}

	@Override
	public void rerun(String method) {
		this.outcomes.get().put(method, "rerun");
	}

	@Override
	public void error(String method, Exception failure) {
		// Checkpointing itself failed and the method ran plainly (unless it also missed).
		this.outcomes.get().putIfAbsent(method, "error");
	}

	/**
	 * A call's result and what happened to it.
	 * @param value the result
	 * @param result {@code hit}, {@code miss}, {@code rerun}, {@code error} or {@code shared}
	 * @param millis how long the call took, including reading or storing the result
	 * @param <T> the result type
	 */
	public record Outcome<T>(T value, String result, long millis) {

	}

}
