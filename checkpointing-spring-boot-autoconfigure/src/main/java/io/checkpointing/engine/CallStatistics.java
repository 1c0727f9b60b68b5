package io.checkpointing.engine;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, per method and since the engine was built, what the engine did with its calls. Every
 * engine keeps one ({@link CheckpointEngine#statistics()}), so the numbers are there without a
 * metrics library; they are not persisted.
 */
public final class CallStatistics implements CheckpointListener {

	private final ConcurrentMap<String, Counts> methods = new ConcurrentHashMap<>();

	@Override
	public void hit(String method, long loadNanos, long savedNanos) {
		Counts counts = countsOf(method);
		counts.hits.increment();
		counts.savedNanos.add(savedNanos);
	}

	@Override
	public void miss(String method) {
		countsOf(method).misses.increment();
	}

	@Override
	public void rerun(String method) {
		countsOf(method).reruns.increment();
	}

	@Override
	public void error(String method, Exception failure) {
		countsOf(method).errors.increment();
	}

	private Counts countsOf(String method) {
		Counts counts = this.methods.get(method);
		return (counts != null) ? counts : this.methods.computeIfAbsent(method, (name) -> new Counts());
	}

	/**
	 * @return the statistics of every method called so far, by display name, sorted by name
	 */
	public Map<String, MethodStatistics> snapshot() {
		Map<String, MethodStatistics> snapshot = new TreeMap<>();
		this.methods.forEach((method, counts) -> snapshot.put(method, counts.snapshot()));
		return snapshot;
	}

	/**
	 * @param method the display name
	 * @return the method's statistics; all zero if it was not called
	 */
	public MethodStatistics of(String method) {
		Counts counts = this.methods.get(method);
		return (counts != null) ? counts.snapshot() : new MethodStatistics(0, 0, 0, 0, Duration.ZERO);
	}

	/**
	 * What the engine did with one method's calls.
	 * @param hits calls answered from the store
	 * @param misses calls that ran the method because nothing was stored
	 * @param reruns calls that ran the method because a rerun was requested
	 * @param errors failures of checkpointing itself
	 * @param timeSaved the sum, over hits, of how long the method ran when the result was computed
	 */
	public record MethodStatistics(long hits, long misses, long reruns, long errors, Duration timeSaved) {

	}

	private static final class Counts {

		private final LongAdder hits = new LongAdder();

		private final LongAdder misses = new LongAdder();

		private final LongAdder reruns = new LongAdder();

		private final LongAdder errors = new LongAdder();

		private final LongAdder savedNanos = new LongAdder();

		MethodStatistics snapshot() {
			return new MethodStatistics(this.hits.sum(), this.misses.sum(), this.reruns.sum(), this.errors.sum(),
					Duration.ofNanos(this.savedNanos.sum()));
		}

	}

}
