package io.checkpointing.spring.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.checkpointing.CheckpointException;
import io.checkpointing.engine.CallStatistics.MethodStatistics;
import io.checkpointing.engine.CheckpointsAdministration;
import io.checkpointing.engine.MethodFacts;
import io.checkpointing.engine.MinuteCounts;
import io.checkpointing.engine.RecentCall;
import io.checkpointing.engine.RecentCalls;
import io.checkpointing.spring.console.ConsoleSnapshot.Call;
import io.checkpointing.spring.console.ConsoleSnapshot.MethodRow;
import io.checkpointing.spring.console.ConsoleSnapshot.Minute;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CircuitBreakingBackend;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;

/**
 * Takes a {@link ConsoleSnapshot} of an engine: one listing of the store serves the entry counts
 * and the explanations of every recent miss. A store that cannot be listed is a warning of the
 * page, not a failure of it: the counts kept in memory are still shown.
 */
final class ConsoleSnapshots {

	private static final double NANOS_PER_SECOND = 1e9;

	private static final double NANOS_PER_MILLI = 1e6;

	private ConsoleSnapshots() {
	}

	static ConsoleSnapshot take(CheckpointsAdministration checkpoints, ConsoleSettings settings) {
		List<String> warnings = new ArrayList<>();
		CacheBackend backend = checkpoints.backend();
		if (backend instanceof CircuitBreakingBackend breaker && breaker.state() != CircuitBreakingBackend.State.CLOSED) {
			warnings.add("The store " + backend.location() + " is skipped after connection failures"
					+ breaker.openSince().map((since) -> " since " + since).orElse("")
					+ " (circuit breaker " + breaker.state().name().toLowerCase(Locale.ROOT).replace('_', '-')
					+ "): calls run their methods and store nothing until it answers again.");
		}
		List<StoredEntry> entries;
		try {
			entries = checkpoints.entries();
		}
		catch (CheckpointException ex) {
			warnings.add("The store cannot be listed, so entries, bytes and explanations are missing: " + ex.getMessage());
			entries = List.of();
		}
		RecentCalls recent = checkpoints.recentCalls();
		Map<String, MethodFacts> facts = recent.facts();
		facts.forEach((name, fact) -> {
			if (!fact.impureCalls().isEmpty()) {
				warnings.add(name + ": " + fact.impureCalls());
			}
		});
		recent.lastErrors().forEach((name, error) -> warnings.add(name + ": checkpointing failed at " + error.time()
				+ ": " + error.message()));
		// A remote store is guarded by a breaker; the page names the store itself.
		CacheBackend store = (backend instanceof CircuitBreakingBackend breaker) ? breaker.delegate() : backend;
		return new ConsoleSnapshot(store.getClass().getSimpleName(), backend.location(),
				settings.refresh().toSeconds(), settings.evictionEnabled(), recent.perMethod(),
				rows(checkpoints, entries, facts, recent.calls(entries)), timeline(checkpoints.timeline().minutes()),
				warnings);
	}

	private static List<MethodRow> rows(CheckpointsAdministration checkpoints, List<StoredEntry> entries,
			Map<String, MethodFacts> facts, Map<String, List<RecentCall>> calls) {
		Map<String, long[]> stored = new TreeMap<>();
		for (StoredEntry entry : entries) {
			long[] countAndBytes = stored.computeIfAbsent(entry.header().methodName(), (name) -> new long[2]);
			countAndBytes[0]++;
			countAndBytes[1] += entry.size();
		}
		Map<String, MethodStatistics> statistics = checkpoints.statistics().snapshot();
		Set<String> names = new TreeSet<>(stored.keySet());
		names.addAll(statistics.keySet());
		names.addAll(facts.keySet());
		List<MethodRow> rows = new ArrayList<>();
		for (String name : names) {
			long[] countAndBytes = stored.getOrDefault(name, new long[2]);
			MethodStatistics counts = statistics.getOrDefault(name, checkpoints.statistics().of(name));
			MethodFacts fact = facts.get(name);
			long decided = counts.hits() + counts.misses();
			rows.add(new MethodRow(name, countAndBytes[0], countAndBytes[1], counts.hits(), counts.misses(),
					counts.reruns(), counts.errors(), (decided > 0) ? (double) counts.hits() / decided : null,
					counts.timeSaved().toNanos() / NANOS_PER_SECOND, (fact != null) ? fact.fingerprint() : "",
					(fact != null) ? fact.version() : "", (fact != null) ? fact.serializer() : "",
					(fact != null) ? ttl(fact.timeToLive()) : null,
					calls.getOrDefault(name, List.of()).stream().map(ConsoleSnapshots::call).toList()));
		}
		return rows;
	}

	private static Call call(RecentCall call) {
		return new Call(call.time(), call.outcome().name().toLowerCase(Locale.ROOT),
				call.duration().toNanos() / NANOS_PER_MILLI, call.keyPrefix(), call.explanation());
	}

	private static List<Minute> timeline(List<MinuteCounts> minutes) {
		return minutes.stream()
			.map((minute) -> new Minute(minute.minute(), minute.hits(), minute.misses(),
					minute.timeSaved().toNanos() / NANOS_PER_SECOND))
			.toList();
	}

	/** @return the time to live as {@code @Checkpoint(ttl)} would say it: {@code 7d}, {@code 12h}, {@code 30m} */
	static @Nullable String ttl(@Nullable Duration timeToLive) {
		if (timeToLive == null) {
			return null;
		}
		long seconds = timeToLive.toSeconds();
		if (timeToLive.toNanosPart() != 0 || seconds == 0) {
			return timeToLive.toString();
		}
		if (seconds % Duration.ofDays(1).toSeconds() == 0) {
			return (seconds / Duration.ofDays(1).toSeconds()) + "d";
		}
		if (seconds % Duration.ofHours(1).toSeconds() == 0) {
			return (seconds / Duration.ofHours(1).toSeconds()) + "h";
		}
		if (seconds % Duration.ofMinutes(1).toSeconds() == 0) {
			return (seconds / Duration.ofMinutes(1).toSeconds()) + "m";
		}
		return seconds + "s";
	}

}
