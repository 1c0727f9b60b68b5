package io.checkpointing.sample.jpa;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.engine.CheckpointListener;

/** Counts hits, misses and errors per method, as the engine reports them. */
class RecordingListener implements CheckpointListener {

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	@Override
	public void hit(String method, long loadNanos, long savedNanos) {
		count("hit " + method);
	}

	@Override
	public void miss(String method) {
		count("miss " + method);
	}

	@Override
	public void error(String method, Exception failure) {
		count("error " + method);
	}

	int hits(String method) {
		return get("hit " + method);
	}

	int misses(String method) {
		return get("miss " + method);
	}

	int errors(String method) {
		return get("error " + method);
	}

	private void count(String what) {
		this.counts.computeIfAbsent(what, (key) -> new AtomicInteger()).incrementAndGet();
	}

	private int get(String what) {
		AtomicInteger count = this.counts.get(what);
		return (count != null) ? count.get() : 0;
	}

}
