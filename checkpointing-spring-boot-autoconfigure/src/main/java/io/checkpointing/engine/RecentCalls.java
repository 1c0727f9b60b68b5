package io.checkpointing.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.checkpointing.engine.RecentCall.Outcome;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last calls of each method, in a ring of fixed size per method, with what a miss needs to be
 * explained later, and the facts of each method called: what the console shows. Kept in memory
 * only, and only when asked for ({@link CheckpointEngineBuilder#recentCalls}); otherwise nothing
 * is recorded and a call pays for nothing but one check. As a listener, it keeps each method's
 * latest failure of checkpointing.
 */
public final class RecentCalls implements CheckpointListener {

	private static final Logger logger = LoggerFactory.getLogger(RecentCalls.class);

	private static final HexFormat HEX = HexFormat.of();

	private static final int KEY_PREFIX = 12;

	private static final int FINGERPRINT_PREFIX = 4;

	/** What {@link #start} returns when the call is not recorded: no {@code nanoTime} to compare with. */
	private static final long NOT_RECORDED = Long.MIN_VALUE;

	private final int perMethod;

	private final Clock clock;

	private final ConcurrentMap<String, MethodJournal> methods = new ConcurrentHashMap<>();

	private final CallTimeline timeline;

	/**
	 * @param perMethod how many calls are kept per method; 0 records nothing
	 * @param clock tells when a call started
	 */
	RecentCalls(int perMethod, Clock clock) {
		if (perMethod < 0) {
			throw new IllegalArgumentException("recentCalls must not be negative, was " + perMethod);
		}
		this.perMethod = perMethod;
		this.clock = clock;
		// Without recent calls there is no console to show the timeline: one idle minute is kept.
		this.timeline = new CallTimeline(isRecording() ? CheckpointEngineBuilder.TIMELINE_MINUTES : 1, clock);
	}

	/**
	 * @return the listeners the engine tells of every call: the timeline and this (for the
	 * latest failure of each method) while recording, none otherwise
	 */
	List<CheckpointListener> listeners() {
		return isRecording() ? List.of(this.timeline, this) : List.of();
	}

	/**
	 * @return hits, misses and time saved per minute
	 */
	CallTimeline timeline() {
		return this.timeline;
	}

	/**
	 * @param inspecting whether the call is only inspected ({@code explain}, {@code contains}),
	 * which is not recorded
	 * @return what to hand to {@link #record} when the call ends
	 */
	long start(boolean inspecting) {
		return (isRecording() && !inspecting) ? System.nanoTime() : NOT_RECORDED;
	}

	/**
	 * @return how many calls are kept per method; 0 if none are recorded
	 */
	public int perMethod() {
		return this.perMethod;
	}

	boolean isRecording() {
		return this.perMethod > 0;
	}

	/**
	 * Records a call once its outcome is known: a hit when it is found, a miss or rerun when the
	 * method ran, an error when its key could not be computed (before the method runs plainly).
	 * @param identity its key and parts; {@code null} if no key was computed
	 * @param startNanos what {@link #start} returned for the call; nothing is recorded for a
	 * call that is not
	 */
	void record(CheckpointedMethod method, Outcome outcome, @Nullable CallIdentity identity, long startNanos) {
		if (startNanos == NOT_RECORDED) {
			return;
		}
		try {
			add(method, outcome, identity, startNanos);
		}
		catch (RuntimeException ex) {
			// What the console shows must never cost the caller its call.
			logger.debug("Could not record a call of {} for the console", method.name(), ex);
		}
	}

	private void add(CheckpointedMethod method, Outcome outcome, @Nullable CallIdentity identity, long startNanos) {
		long nanos = System.nanoTime() - startNanos;
		Instant started = this.clock.instant().minusNanos(nanos);
		MethodJournal journal = this.methods.computeIfAbsent(method.name(), (name) -> new MethodJournal(this.perMethod));
		if (identity != null) {
			journal.knowFacts(method, identity);
		}
		else {
			journal.knowFactsWithoutCode(method);
		}
		List<KeyComponent> components = (outcome == Outcome.MISS && identity != null) ? identity.components(method)
				: List.of();
		journal.add(new Recorded(started, outcome, Duration.ofNanos(nanos),
				(identity != null) ? identity.key() : null, components));
	}

	@Override
	public void error(String method, Exception failure) {
		if (isRecording()) {
			this.methods.computeIfAbsent(method, (name) -> new MethodJournal(this.perMethod)).lastError =
					new LastError(this.clock.instant(), String.valueOf(failure.getMessage()));
		}
	}

	/**
	 * @return the latest failure of checkpointing of every method that had one since recording
	 * began, by display name, sorted
	 */
	public Map<String, LastError> lastErrors() {
		Map<String, LastError> errors = new TreeMap<>();
		this.methods.forEach((name, journal) -> {
			LastError error = journal.lastError;
			if (error != null) {
				errors.put(name, error);
			}
		});
		return errors;
	}

	/**
	 * @return the facts of every method called since recording began, by display name, sorted
	 */
	public Map<String, MethodFacts> facts() {
		Map<String, MethodFacts> facts = new TreeMap<>();
		this.methods.forEach((name, journal) -> {
			MethodFacts known = journal.facts;
			if (known != null) {
				facts.put(name, known);
			}
		});
		return facts;
	}

	/**
	 * @param entries the entries stored now, against which misses are explained
	 * @return the recent calls of every method, newest first, by display name, sorted; each miss
	 * explained against the entries of its method created before it, other than the one it wrote
	 */
	public Map<String, List<RecentCall>> calls(List<StoredEntry> entries) {
		Map<String, List<RecentCall>> calls = new TreeMap<>();
		this.methods.forEach((name, journal) -> {
			List<RecentCall> recent = new ArrayList<>();
			for (Recorded call : journal.newestFirst()) {
				recent.add(call.toRecentCall(name, entries));
			}
			calls.put(name, Collections.unmodifiableList(recent));
		});
		return calls;
	}

	/** One method's ring of calls and its facts. */
	private static final class MethodJournal {

		private final Recorded[] ring;

		private int next;

		private int size;

		private volatile @Nullable MethodFacts facts;

		private volatile @Nullable LastError lastError;

		MethodJournal(int capacity) {
			this.ring = new Recorded[capacity];
		}

		synchronized void add(Recorded call) {
			this.ring[this.next] = call;
			this.next = (this.next + 1) % this.ring.length;
			this.size = Math.min(this.size + 1, this.ring.length);
		}

		synchronized List<Recorded> newestFirst() {
			List<Recorded> calls = new ArrayList<>(this.size);
			for (int i = 1; i <= this.size; i++) {
				calls.add(this.ring[Math.floorMod(this.next - i, this.ring.length)]);
			}
			return calls;
		}

		void knowFacts(CheckpointedMethod method, CallIdentity identity) {
			MethodFacts known = this.facts;
			if (known == null || known.fingerprint().isEmpty()) {
				byte[] code = identity.code().fingerprint();
				// A key strategy's identity has no code fingerprint: nothing to show.
				String fingerprint = HEX.formatHex(code, 0, Math.min(FINGERPRINT_PREFIX, code.length));
				this.facts = new MethodFacts(method.serializerId(), method.version(), method.timeToLive(), fingerprint,
						ImpureCallWarnings.note(method, identity.code()).replaceFirst("^\\. ", ""));
			}
		}

		void knowFactsWithoutCode(CheckpointedMethod method) {
			if (this.facts == null) {
				this.facts = new MethodFacts(method.serializerId(), method.version(), method.timeToLive(), "", "");
			}
		}

	}

	/**
	 * The latest failure of checkpointing of a method: what went wrong, whatever the error policy
	 * did next.
	 * @param time when it was reported
	 * @param message what failed, as the warning says it
	 */
	public record LastError(Instant time, String message) {

	}

	/** A call as recorded: for a miss, with its key parts, explained only when asked. */
	private record Recorded(Instant started, Outcome outcome, Duration duration, @Nullable CallKey key,
			List<KeyComponent> components) {

		RecentCall toRecentCall(String method, List<StoredEntry> entries) {
			String keyPrefix = (this.key != null) ? this.key.hex().substring(0, KEY_PREFIX) : "";
			String explanation = null;
			if (this.outcome == Outcome.MISS) {
				List<StoredEntry> before = entries.stream()
					.filter((entry) -> !isOwn(entry) && !entry.header().created().isAfter(this.started))
					.toList();
				explanation = MissExplainer.explain(method, this.components, before);
			}
			return new RecentCall(this.started, this.outcome, this.duration, keyPrefix, explanation);
		}

		private boolean isOwn(StoredEntry entry) {
			CallKey own = this.key;
			return own != null && own.equals(entry.key());
		}

	}

}
