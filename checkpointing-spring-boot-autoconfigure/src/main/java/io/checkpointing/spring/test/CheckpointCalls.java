package io.checkpointing.spring.test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.engine.CheckpointListener;
import org.jspecify.annotations.Nullable;

/**
 * What checkpointing did with the calls of each method in a test, to assert on: a bean of every
 * test context that has checkpointing. Methods are named as in the logs and meters,
 * {@code Class#method}.
 *
 * <pre>{@code
 * @Autowired CheckpointCalls calls;
 *
 * reports.owner(1);
 * reports.owner(1);
 * assertThat(calls.misses("OwnerReports#owner")).isEqualTo(1);
 * assertThat(calls.hits("OwnerReports#owner")).isEqualTo(1);
 * }</pre>
 */
public final class CheckpointCalls implements CheckpointListener {

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	/** @return how many calls of the method were answered from the store */
	public int hits(String method) {
		return count("hit", method);
	}

	/** @return how many calls of the method found nothing stored and ran it */
	public int misses(String method) {
		return count("miss", method);
	}

	/** @return how many calls of the method ran without the store being read or written */
	public int bypasses(String method) {
		return count("bypassed", method);
	}

	/** @return how many times checkpointing failed for a call of the method */
	public int errors(String method) {
		return count("error", method);
	}

	/** Forgets every count, for a test that checks several phases. */
	public void clear() {
		this.counts.clear();
	}

	@Override
	public void hit(String method, long loadNanos, long savedNanos) {
		add("hit", method);
	}

	@Override
	public void miss(String method) {
		add("miss", method);
	}

	@Override
	public void bypassed(String method) {
		add("bypassed", method);
	}

	@Override
	public void error(String method, Exception failure) {
		add("error", method);
	}

	private void add(String what, String method) {
		this.counts.computeIfAbsent(what + ' ' + method, (key) -> new AtomicInteger()).incrementAndGet();
	}

	private int count(String what, String method) {
		@Nullable AtomicInteger count = this.counts.get(what + ' ' + method);
		return (count != null) ? count.get() : 0;
	}

}
