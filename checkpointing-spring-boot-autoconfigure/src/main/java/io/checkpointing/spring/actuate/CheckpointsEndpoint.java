package io.checkpointing.spring.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.checkpointing.Pruned;
import io.checkpointing.engine.CallStatistics.MethodStatistics;
import io.checkpointing.engine.CheckpointsAdministration;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code checkpoints} Actuator endpoint: what is stored per checkpointed method and what it
 * saved, the entries of one method, eviction, pruning the entries of old code, and moving the data
 * version of an entity type. Methods are named by their display name
 * ({@code Squares#square}; {@code #} is {@code %23} in a URL). Hits, misses and time saved count
 * since the application started; entries and bytes are what the backend holds now.
 */
@Endpoint(id = "checkpoints")
public class CheckpointsEndpoint {

	private final CheckpointsAdministration checkpoints;

	/**
	 * @param checkpoints the engine's store and statistics, as an administrator sees them
	 */
	public CheckpointsEndpoint(CheckpointsAdministration checkpoints) {
		this.checkpoints = checkpoints;
	}

	/**
	 * @return the backend and every method that has entries or was called
	 */
	@ReadOperation
	public CheckpointsDescriptor checkpoints() {
		Map<String, long[]> stored = new TreeMap<>();
		for (StoredEntry entry : this.checkpoints.entries()) {
			long[] countAndBytes = stored.computeIfAbsent(entry.header().methodName(), (name) -> new long[2]);
			countAndBytes[0]++;
			countAndBytes[1] += entry.size();
		}
		Map<String, MethodStatistics> statistics = this.checkpoints.statistics().snapshot();
		Set<String> names = new TreeSet<>(stored.keySet());
		names.addAll(statistics.keySet());
		Map<String, MethodDescriptor> methods = new LinkedHashMap<>();
		for (String name : names) {
			methods.put(name, MethodDescriptor.of(stored.getOrDefault(name, new long[2]),
					statistics.getOrDefault(name, this.checkpoints.statistics().of(name))));
		}
		return new CheckpointsDescriptor(this.checkpoints.backend().getClass().getSimpleName(),
				this.checkpoints.backend().location(), this.checkpoints.defaultSerializer(), methods);
	}

	/**
	 * @param method a method's display name
	 * @return its entries, newest first; {@code null} (404) if it has none and was not called
	 */
	@ReadOperation
	public @Nullable MethodEntriesDescriptor method(@Selector String method) {
		List<EntryDescriptor> entries = this.checkpoints.entries()
			.stream()
			.filter((entry) -> entry.header().methodName().equals(method))
			.sorted(Comparator.comparing((StoredEntry entry) -> entry.header().created()).reversed())
			.map(EntryDescriptor::of)
			.toList();
		if (entries.isEmpty() && !this.checkpoints.statistics().snapshot().containsKey(method)) {
			return null;
		}
		return new MethodEntriesDescriptor(method, entries, this.checkpoints.explainLastMiss(method).orElse(null));
	}

	/**
	 * @param method a method's display name
	 * @return how many of its entries were removed
	 */
	@DeleteOperation
	public EvictionDescriptor evict(@Selector String method) {
		return new EvictionDescriptor(this.checkpoints.evictAll(method));
	}

	/**
	 * {@code POST /actuator/checkpoints} with one of {@code {"dataChanged": "com.example.Vet"}}
	 * (see {@link #dataChanged}) or {@code {"pruneOldCode": true}} (see {@link #pruneOldCode}).
	 * @param dataChanged an entity type's fully qualified class name
	 * @param pruneOldCode {@code true} to remove the entries of old code
	 * @return what was done
	 */
	@WriteOperation
	public OperationResponseBody change(@Nullable String dataChanged, @Nullable Boolean pruneOldCode) {
		if ((dataChanged == null) == (pruneOldCode == null)) {
			throw new InvalidEndpointRequestException("Post one of {\"dataChanged\": \"<entity class name>\"} or"
					+ " {\"pruneOldCode\": true}", "Expected exactly one of dataChanged and pruneOldCode");
		}
		if (dataChanged != null) {
			return dataChanged(dataChanged);
		}
		if (!Boolean.TRUE.equals(pruneOldCode)) {
			throw new InvalidEndpointRequestException("pruneOldCode must be true: {\"pruneOldCode\": true}",
					"pruneOldCode must be true");
		}
		return pruneOldCode();
	}

	/**
	 * Moves the data version of an entity type after a change this application's JPA listener
	 * cannot see (SQL run by hand, another application).
	 * @param dataChanged the entity type's fully qualified class name
	 * @return the type whose version moved
	 */
	public DataChangeDescriptor dataChanged(String dataChanged) {
		this.checkpoints.dataChanged(dataChanged);
		return new DataChangeDescriptor(dataChanged);
	}

	/**
	 * Removes the entries that earlier code of this application's methods left behind (see
	 * {@link io.checkpointing.Checkpoints#pruneOldCode()}).
	 * @return how many entries were removed, of which methods, and the bytes reclaimed
	 */
	public PruneDescriptor pruneOldCode() {
		Pruned pruned = this.checkpoints.pruneOldCode();
		return new PruneDescriptor(pruned.entries(), pruned.bytesReclaimed(), pruned.entriesByMethod());
	}

	/**
	 * @return how many entries were removed, of every method
	 */
	@DeleteOperation
	public EvictionDescriptor evictAll() {
		return new EvictionDescriptor(this.checkpoints.evictAll());
	}

	/**
	 * The store and its methods.
	 * @param backend the backend's class
	 * @param location where it stores entries
	 * @param defaultSerializer the serializer used unless a method names its own
	 * @param methods every method with entries or calls, by display name
	 */
	public record CheckpointsDescriptor(String backend, String location, String defaultSerializer,
			Map<String, MethodDescriptor> methods) implements OperationResponseBody {

	}

	/**
	 * One method.
	 * @param entries how many entries it has in the store
	 * @param bytes their size in the store
	 * @param hits calls answered from the store since startup
	 * @param misses calls that ran the method since startup because nothing was stored
	 * @param reruns calls that ran the method since startup because a rerun was requested
	 * @param errors failures of checkpointing since startup
	 * @param timeSavedSeconds compute time the hits saved
	 */
	public record MethodDescriptor(long entries, long bytes, long hits, long misses, long reruns, long errors,
			double timeSavedSeconds) {

		static MethodDescriptor of(long[] countAndBytes, MethodStatistics statistics) {
			return new MethodDescriptor(countAndBytes[0], countAndBytes[1], statistics.hits(), statistics.misses(),
					statistics.reruns(), statistics.errors(), seconds(statistics.timeSaved()));
		}

		private static double seconds(Duration duration) {
			return duration.toNanos() / 1e9;
		}

	}

	/**
	 * The entries of one method.
	 * @param method its display name
	 * @param entries its entries, newest first
	 */
	public record MethodEntriesDescriptor(String method, List<EntryDescriptor> entries, @Nullable String lastMiss)
			implements OperationResponseBody {

	}

	/**
	 * One stored result.
	 * @param key the call's key
	 * @param created when the result was computed
	 * @param size its size in the store, in bytes
	 * @param computeDurationMs how long the method ran, in milliseconds
	 * @param arguments a short rendering of the arguments
	 * @param serializer the serializer that wrote it
	 */
	public record EntryDescriptor(String key, Instant created, long size, double computeDurationMs, String arguments,
			String serializer) {

		static EntryDescriptor of(StoredEntry entry) {
			return new EntryDescriptor(entry.key().hex(), entry.header().created(), entry.size(),
					entry.header().computeDuration().toNanos() / 1e6, entry.header().argumentSummary(),
					entry.header().serializerId());
		}

	}

	/**
	 * The outcome of a data change.
	 * @param dataChanged the entity type whose data version moved
	 */
	public record DataChangeDescriptor(String dataChanged) implements OperationResponseBody {

	}

	/**
	 * The outcome of pruning the entries of old code.
	 * @param pruned how many entries were removed
	 * @param bytesReclaimed their size in the store, in bytes
	 * @param methods how many of them each method had, by display name
	 */
	public record PruneDescriptor(int pruned, long bytesReclaimed, Map<String, Integer> methods)
			implements OperationResponseBody {

	}

	/**
	 * The outcome of an eviction.
	 * @param evicted how many entries were removed
	 */
	public record EvictionDescriptor(int evicted) implements OperationResponseBody {

	}

}
