package io.checkpointing.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.Checkpoints;
import io.checkpointing.Pruned;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations on stored checkpoints beyond the call path: those a program calls
 * ({@link Checkpoints}) and those an administrator uses ({@link CheckpointsAdministration}).
 * It also keeps each method's latest miss, so that it can be explained later.
 */
final class CheckpointOperations implements Checkpoints, CheckpointsAdministration {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final CacheBackend backend;

	private final StoredResults results;

	private final String defaultSerializer;

	private final CallStatistics statistics;

	private final InspectionScope inspection;

	private final DirectCallScope directCalls;

	private final RecentCalls recentCalls;

	private final Map<String, LastMiss> lastMisses = new ConcurrentHashMap<>();

	private final DataVersions dataVersions;

	private final OldCodePruning pruning;

	CheckpointOperations(CacheBackend backend, StoredResults results, String defaultSerializer, CallStatistics statistics,
			InspectionScope inspection, DirectCallScope directCalls, RecentCalls recentCalls, DataVersions dataVersions,
			OldCodePruning pruning) {
		this.backend = backend;
		this.results = results;
		this.defaultSerializer = defaultSerializer;
		this.statistics = statistics;
		this.inspection = inspection;
		this.directCalls = directCalls;
		this.recentCalls = recentCalls;
		this.dataVersions = dataVersions;
		this.pruning = pruning;
	}

	/**
	 * Keeps a miss as its method's latest and, at DEBUG, logs it with what differs from the
	 * nearest stored entry (which lists the store, so only then).
	 */
	void missed(CheckpointedMethod method, CallIdentity identity) {
		this.lastMisses.put(method.name(), new LastMiss(identity.key(), identity.components(method),
				ImpureCallWarnings.note(method, identity.code())));
		if (logger.isDebugEnabled()) {
			logger.debug("Miss for {} {}. {}", method.name(), identity.key(), explainQuietly(method, identity));
		}
	}

	@Override
	public <T> T rerun(Supplier<T> calls) {
		Objects.requireNonNull(calls, "calls must not be null");
		return this.directCalls.within(DirectCallScope.Mode.RERUN, "rerun", calls);
	}

	@Override
	public <T> T bypass(Supplier<T> calls) {
		Objects.requireNonNull(calls, "calls must not be null");
		return this.directCalls.within(DirectCallScope.Mode.BYPASS, "bypass", calls);
	}

	@Override
	public <T> T get(Supplier<T> calls) {
		Objects.requireNonNull(calls, "calls must not be null");
		return this.directCalls.within(DirectCallScope.Mode.GET, "get", calls);
	}

	@Override
	public String explain(Runnable call) {
		Objects.requireNonNull(call, "call must not be null");
		return String.join("\n", this.inspection.inspecting("explain", call, this::explain));
	}

	@Override
	public boolean contains(Runnable call) {
		Objects.requireNonNull(call, "call must not be null");
		return this.inspection.inspecting("contains", call, (method, identity) -> isStored(method, identity))
			.stream()
			.allMatch(Boolean::booleanValue);
	}

	@Override
	public boolean evict(Runnable call) {
		Objects.requireNonNull(call, "call must not be null");
		return this.inspection.inspecting("evict", call, this::evict).contains(true);
	}

	@Override
	public int evictAll(String methodName) {
		Objects.requireNonNull(methodName, "methodName must not be null");
		this.results.forgetHeld();
		int evicted = 0;
		for (StoredEntry entry : entries()) {
			if (entry.header().methodName().equals(methodName)) {
				try {
					evicted += this.backend.delete(entry.key()) ? 1 : 0;
				}
				catch (IOException ex) {
					throw new CheckpointException("Cannot evict " + entry.key() + " of " + methodName + " from "
							+ this.backend.location() + ": " + ex.getMessage(), ex);
				}
			}
		}
		logger.debug("Evicted {} entries of {}", evicted, methodName);
		return evicted;
	}

	/**
	 * A change of a type is a change of its supertypes' data too: a query on a base entity type
	 * returns instances of its subtypes.
	 */
	@Override
	public void dataChanged(Class<?> dataType) {
		Objects.requireNonNull(dataType, "dataType must not be null");
		for (Class<?> type = dataType; type != null && type != Object.class; type = type.getSuperclass()) {
			this.dataVersions.changed(type.getName());
		}
	}

	@Override
	public void dataChanged(String dataType) {
		Objects.requireNonNull(dataType, "dataType must not be null");
		if (dataType.isBlank()) {
			throw new IllegalArgumentException("dataType must name a data type (an entity class name), not be blank");
		}
		this.dataVersions.changed(dataType);
		logger.debug("Data version of {} moved", dataType);
	}

	@Override
	public int evictAll() {
		int entries = entries().size();
		this.results.forgetHeld();
		try {
			this.backend.clear();
		}
		catch (IOException ex) {
			throw new CheckpointException("Cannot clear " + this.backend.location() + ": " + ex.getMessage(), ex);
		}
		return entries;
	}

	@Override
	public Pruned pruneOldCode() {
		return this.pruning.prune();
	}

	@Override
	public List<StoredEntry> entries() {
		try (Stream<StoredEntry> entries = this.backend.list()) {
			return entries.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new CheckpointException("Cannot list the entries in " + this.backend.location() + ": "
					+ ex.getMessage(), ex);
		}
	}

	@Override
	public Optional<String> explainLastMiss(String methodName) {
		LastMiss miss = this.lastMisses.get(methodName);
		if (miss == null) {
			return Optional.empty();
		}
		List<StoredEntry> others = entries().stream().filter((entry) -> !entry.key().equals(miss.key())).toList();
		return Optional.of(MissExplainer.explain(methodName, miss.components(), others) + miss.impureCalls());
	}

	@Override
	public CacheBackend backend() {
		return this.backend;
	}

	@Override
	public String defaultSerializer() {
		return this.defaultSerializer;
	}

	@Override
	public CallStatistics statistics() {
		return this.statistics;
	}

	@Override
	public RecentCalls recentCalls() {
		return this.recentCalls;
	}

	@Override
	public CallTimeline timeline() {
		return this.recentCalls.timeline();
	}

	private String explain(CheckpointedMethod method, CallIdentity identity) {
		if (isStored(method, identity)) {
			return method.name() + ": stored under " + identity.key() + "; the call would hit"
					+ ImpureCallWarnings.note(method, identity.code());
		}
		return "Not stored: " + MissExplainer.explain(method.name(), identity.components(method), entries())
				+ ImpureCallWarnings.note(method, identity.code());
	}

	/**
	 * Whether a load would find the call's entry, judged from its header alone: an entry a load
	 * would refuse for its header, or as expired, is not stored. One damaged in its payload (its
	 * checksum, its signature) is, until a load reads it whole and discards it.
	 */
	private boolean isStored(CheckpointedMethod method, CallIdentity identity) {
		try {
			EntryHeader header = this.results.storedHeader(identity.key());
			return header != null && !method.isExpired(header.created());
		}
		catch (IOException ex) {
			throw new CheckpointException("Cannot read " + this.backend.location() + ": " + ex.getMessage(), ex);
		}
	}

	private boolean evict(CheckpointedMethod method, CallIdentity identity) {
		this.results.forgetHeld();
		try {
			return this.backend.delete(identity.key());
		}
		catch (IOException ex) {
			throw new CheckpointException("Cannot evict " + identity.key() + " of " + method.name() + " from "
					+ this.backend.location() + ": " + ex.getMessage(), ex);
		}
	}

	private String explainQuietly(CheckpointedMethod method, CallIdentity identity) {
		try {
			return MissExplainer.explain(method.name(), identity.components(method), entries());
		}
		catch (RuntimeException ex) {
			return "(no explanation: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The key parts of a method's latest miss, kept so the Actuator endpoint can explain it later,
	 * with the calls its key cannot see (empty if none).
	 */
	private record LastMiss(CallKey key, List<KeyComponent> components, String impureCalls) {

	}

}
