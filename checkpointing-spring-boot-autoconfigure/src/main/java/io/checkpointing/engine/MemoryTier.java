package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyedParameters;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import org.jspecify.annotations.Nullable;

/**
 * Keeps recent results in this JVM's heap (Caffeine), in front of the backend. By default it is
 * safe: a value that no caller can change (see {@link ImmutableValues}) is handed out as it is,
 * any other value is kept as its encoded entry and decoded anew on each hit, so a caller that
 * mutates its result does not change what the next caller gets. {@link #sharingResults()} hands
 * every value out as it is: faster, for applications that never mutate results.
 *
 * <p>A call whose key depends on its arguments alone (the method reads no fields, no key
 * contributor or strategy applies, no argument is keyed by file content) and whose arguments are
 * immutable values is found by argument equality, before anything is hashed: such a hit costs
 * a map lookup, like Spring's {@code @Cacheable}.
 *
 * <p>The tier knows only what this JVM read or wrote: another process's evictions and reruns
 * are seen once an entry leaves the tier. It is emptied by every eviction in this JVM.
 *
 * <p>Each result remembers the key its entry was written for, and a lookup serves it only for
 * that key, as a backend's entries are. A lookup by arguments goes through an index from the
 * arguments to the call key, so each result is held, and counted against the bounds, once.
 */
public final class MemoryTier {

	private final long maxEntries;

	private final long maxBytes;

	private final boolean shareResults;

	private final Cache<CallKey, Held> held;

	/** The call key of each result found by argument equality; bounded like the results it leads to. */
	private final Cache<ArgumentsKey, Indexed> byArguments;

	private final ImmutableValues values = new ImmutableValues();

	private final ConcurrentMap<Method, Boolean> keyedByArgumentsAlone = new ConcurrentHashMap<>();

	private MemoryTier(long maxEntries, long maxBytes, boolean shareResults) {
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
		this.shareResults = shareResults;
		this.held = bounded(maxEntries, maxBytes).weigher((CallKey key, Held value) -> weightOf(maxBytes, value.weight()))
			.build();
		this.byArguments = bounded(maxEntries, maxBytes)
			.weigher((ArgumentsKey key, Indexed value) -> weightOf(maxBytes, value.weight()))
			.build();
	}

	/**
	 * Evicts on the calling thread, so that the tier never holds more than its bound, not even
	 * until a background maintenance runs.
	 */
	private static Caffeine<Object, Object> bounded(long maxEntries, long maxBytes) {
		return Caffeine.newBuilder().executor(Runnable::run).maximumWeight((maxBytes > 0) ? maxBytes : maxEntries);
	}

	/** Bounded by entries, each result weighs one; bounded by bytes, it weighs its encoded size. */
	private static int weightOf(long maxBytes, int bytes) {
		return (maxBytes > 0) ? bytes : 1;
	}

	/**
	 * @param maxEntries how many results to keep at most, at least 1
	 * @return a tier that keeps that many results, evicting the least useful
	 */
	public static MemoryTier maxEntries(long maxEntries) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
		}
		return new MemoryTier(maxEntries, 0, false);
	}

	/**
	 * @param maxBytes how many bytes of encoded results to keep at most, at least 1
	 * @return a tier bounded by the size of what it holds
	 */
	public static MemoryTier maxBytes(long maxBytes) {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
		}
		return new MemoryTier(0, maxBytes, false);
	}

	/**
	 * @return a tier of the same bounds that hands every result out as it is, without a copy:
	 * callers must not mutate results
	 */
	public MemoryTier sharingResults() {
		return new MemoryTier(this.maxEntries, this.maxBytes, true);
	}

	/**
	 * @return the key a call's result is found under by argument equality, or {@code null} if
	 * its key needs hashing
	 */
	@Nullable Object argumentsKey(CheckpointedMethod method, @Nullable Object[] arguments,
			Predicate<CheckpointedMethod> keyedByArgumentsAlone) {
		// One Method may stand for several classes (an inherited or interface method, a repository's):
		// such a method's results are never found by its Method and arguments alone, so the
		// decision cached below by Method is only ever asked of a method checkpointed as one class.
		if (method.perImplementation() || method.bodiless()) {
			return null;
		}
		if (!this.keyedByArgumentsAlone.computeIfAbsent(method.method(), (m) -> isKeyedByArgumentsAlone(method,
				keyedByArgumentsAlone))) {
			return null;
		}
		List<KeyedParameters.KeyedParameter> keyed = method.parameters().parameters();
		@Nullable Object[] values = new Object[keyed.size()];
		for (int i = 0; i < values.length; i++) {
			@Nullable Object argument = arguments[keyed.get(i).index()];
			if (keyed.get(i).byContent() || !this.values.isKeyValue(argument)) {
				return null;
			}
			values[i] = argument;
		}
		return new ArgumentsKey(method.method(), values);
	}

	/**
	 * A method whose code cannot be read is not decided here: the full key derivation meets the
	 * same failure and reports it under the method's error policy.
	 */
	private static boolean isKeyedByArgumentsAlone(CheckpointedMethod method, Predicate<CheckpointedMethod> test) {
		try {
			return test.test(method);
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * @param key a call key or an arguments key
	 * @return what the tier holds under the key, or {@code null}
	 * @throws DamagedEntryException if what it holds under a call key was written for another
	 * key; it is no longer held
	 */
	@Nullable Held get(@Nullable Object key) throws DamagedEntryException {
		CallKey callKey = null;
		if (key instanceof ArgumentsKey arguments) {
			Indexed indexed = this.byArguments.getIfPresent(arguments);
			callKey = (indexed != null) ? indexed.key() : null;
		}
		else if (key instanceof CallKey call) {
			callKey = call;
		}
		if (callKey == null) {
			return null;
		}
		Held held = this.held.getIfPresent(callKey);
		if (held != null && !held.key().equals(callKey)) {
			if (key instanceof ArgumentsKey arguments) {
				// The lookup by call key that follows finds it, and reports it there with its key.
				this.byArguments.invalidate(arguments);
				return null;
			}
			this.held.invalidate(callKey);
			throw new DamagedEntryException("the memory tier held it under another key than it was written for");
		}
		return held;
	}

	/**
	 * Keeps a result under its key and, when it has one, its arguments key. It remembers the key
	 * recorded in the entry, which {@link #get} compares with the key asked for.
	 * @param value the result as stored (the content of an {@code Optional})
	 * @param entry the encoded entry, decoded anew on each hit unless the value can be shared
	 */
	void put(CallKey key, @Nullable Object argumentsKey, @Nullable Object value, ByteBuffer entry, EntryHeader header) {
		CallKey writtenFor;
		try {
			// The usual case allocates nothing: a backend hit passes through here.
			writtenFor = EntryFormat.isWrittenFor(entry, key) ? key : EntryFormat.keyOf(entry);
		}
		catch (DamagedEntryException ex) {
			return; // not an entry of this format, so nothing that could be served for its key
		}
		int weight = (int) Math.min(Integer.MAX_VALUE, entry.remaining() + 64L);
		long savedNanos = header.computeDuration().toNanos();
		Held held = (this.shareResults || this.values.isImmutable(value))
				? new Held(writtenFor, value, null, header.created(), savedNanos, weight)
				: new Held(writtenFor, null, entry.asReadOnlyBuffer(), header.created(), savedNanos, weight);
		this.held.put(key, held);
		if (argumentsKey instanceof ArgumentsKey arguments) {
			this.byArguments.put(arguments, new Indexed(key, weight));
		}
	}

	/**
	 * @return the largest encoded entry the tier can hold, in bytes: its bound in bytes, or,
	 * bounded by count, any
	 */
	long largestEntry() {
		return (this.maxBytes > 0) ? this.maxBytes : Integer.MAX_VALUE - 8;
	}

	/** @param key a key whose held result can no longer be used */
	void invalidate(Object key) {
		if (key instanceof ArgumentsKey arguments) {
			this.byArguments.invalidate(arguments);
		}
		else if (key instanceof CallKey callKey) {
			this.held.invalidate(callKey);
		}
	}

	/** Forgets everything: after an eviction, no key may still find its old result here. */
	void clear() {
		this.held.invalidateAll();
		this.byArguments.invalidateAll();
	}

	/**
	 * @return what the tier's results weigh against its bound now: their number, or their bytes
	 */
	long weighedAgainstBound() {
		this.held.cleanUp();
		return this.held.policy().eviction().orElseThrow().weightedSize().orElseThrow();
	}

	/**
	 * A result in memory: the value itself when it can be shared, else its encoded entry.
	 * @param key the key its entry was written for
	 * @param value the shared value
	 * @param entry the encoded entry, or {@code null} when the value is shared
	 * @param created when the entry was stored, for time to live
	 * @param savedNanos the compute duration of the result, for metrics
	 * @param weight its size in bytes, for {@code maxBytes}
	 */
	record Held(CallKey key, @Nullable Object value, @Nullable ByteBuffer entry, Instant created, long savedNanos, int weight) {

	}

	/** Where the result of equal arguments is held, and its weight, so the index is bounded as the results are. */
	private record Indexed(CallKey key, int weight) {

	}

	/** A method and the values of its keyed arguments, equal by {@code equals}. */
	private static final class ArgumentsKey {

		private final Method method;

		private final @Nullable Object[] arguments;

		private final int hash;

		ArgumentsKey(Method method, @Nullable Object[] arguments) {
			this.method = method;
			this.arguments = arguments;
			this.hash = 31 * method.hashCode() + Arrays.hashCode(arguments);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ArgumentsKey key && this.method.equals(key.method)
					&& Arrays.equals(this.arguments, key.arguments);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
