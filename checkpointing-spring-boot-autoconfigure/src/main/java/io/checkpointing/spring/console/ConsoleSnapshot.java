package io.checkpointing.spring.console;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Everything the console page shows, as its script reads it from
 * {@code GET <management base path>/checkpointsconsole?format=json}. Counts are since the
 * application started; entries and bytes are what the store holds now.
 * @param backend the simple name of the store's class ({@code RedisBackend}, not the circuit
 * breaker in front of it)
 * @param location where it stores entries
 * @param refreshSeconds how often the page reads this again
 * @param evictionEnabled whether the page offers to evict a method's entries
 * @param recentCallsPerMethod how many calls are kept per method
 * @param methods every method with entries or calls, sorted by display name
 * @param timeline hits, misses and time saved per minute, oldest first, ending with the current minute
 * @param warnings what needs attention now, most important first
 */
public record ConsoleSnapshot(String backend, String location, long refreshSeconds, boolean evictionEnabled,
		int recentCallsPerMethod, List<MethodRow> methods, List<Minute> timeline, List<String> warnings)
		implements OperationResponseBody {

	/**
	 * One row of the table.
	 * @param name the display name
	 * @param entries how many entries it has in the store
	 * @param bytes their size in the store
	 * @param hits calls answered from the store
	 * @param misses calls that ran the method because nothing was stored
	 * @param reruns calls that ran the method because a rerun was requested
	 * @param errors failures of checkpointing
	 * @param hitRatio hits over hits and misses; {@code null} before either
	 * @param timeSavedSeconds compute time the hits saved
	 * @param fingerprint the first 8 hexadecimal digits of its code fingerprint; empty until known
	 * @param version its {@code @Checkpoint(version)}, empty for none
	 * @param serializer the id of the serializer of its results; empty until it is called
	 * @param ttl how long its entries stay valid ({@code 7d}, {@code 30m}), {@code null} for ever
	 * @param recentCalls its last calls, newest first
	 */
	public record MethodRow(String name, long entries, long bytes, long hits, long misses, long reruns, long errors,
			@Nullable Double hitRatio, double timeSavedSeconds, String fingerprint, String version, String serializer,
			@Nullable String ttl, List<Call> recentCalls) {

	}

	/**
	 * One recent call.
	 * @param time when it started
	 * @param outcome {@code hit}, {@code miss}, {@code rerun}, {@code refresh} or {@code error}
	 * @param durationMs how long it took
	 * @param keyPrefix the start of its key; empty for a hit found in memory by its arguments
	 * @param explanation for a miss, what differed from the nearest entry stored before it
	 */
	public record Call(Instant time, String outcome, double durationMs, String keyPrefix, @Nullable String explanation) {

	}

	/**
	 * One minute of the chart, all methods together.
	 * @param minute its start
	 * @param hits calls answered from the store
	 * @param misses calls that ran the method because nothing was stored
	 * @param timeSavedSeconds compute time the hits saved
	 */
	public record Minute(Instant minute, long hits, long misses, double timeSavedSeconds) {

	}

}
