package io.checkpointing.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import io.checkpointing.OnError;
import io.checkpointing.key.CodeScope;
import io.checkpointing.key.DataReads;
import io.checkpointing.key.KeyContributor;
import io.checkpointing.key.KeyStrategy;
import io.checkpointing.key.ManagedObjects;
import io.checkpointing.key.PropertyLookup;
import io.checkpointing.serial.BuiltInSerializers;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntrySigner;
import io.checkpointing.store.FilesystemBackend;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link CheckpointEngine}. Each setting is validated once, when it is set, and a
 * value that cannot be used is refused with an {@code IllegalArgumentException} that names the
 * setting; {@link #build()} checks what depends on several settings. A setting set twice keeps
 * the later value, so that a customizer can change what configuration set.
 *
 * <pre>{@code
 * CheckpointEngine engine = CheckpointEngine.builder()
 *     .backend(new FilesystemBackend(Path.of("/var/cache/my-app")))
 *     .onError(OnError.RAISE)
 *     .build();
 * }</pre>
 */
public final class CheckpointEngineBuilder {

	/** Where the default backend stores entries: {@code ./.checkpointing}. */
	public static final Path DEFAULT_DIRECTORY = Path.of(".checkpointing");

	/** The serializer used unless set: {@code json}. */
	public static final String DEFAULT_SERIALIZER = "json";

	/** The error policy used unless set: {@code WARN}. */
	public static final OnError DEFAULT_ON_ERROR = OnError.WARN;

	/** How long a miss waits for another process computing the same key, unless set: 10 minutes. */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);

	/** How long a data version read from the store is used before it is read again, unless set: 1 second. */
	public static final Duration DEFAULT_DATA_VERSIONS_REFRESH = Duration.ofSeconds(1);

	/** How many minutes of hits and misses the timeline keeps when recent calls are recorded: 30. */
	public static final int TIMELINE_MINUTES = 30;

	boolean enabled = true;

	@Nullable CacheBackend backend;

	final Map<String, ResultSerializer> serializers = new LinkedHashMap<>();

	String defaultSerializer = DEFAULT_SERIALIZER;

	OnError onError = DEFAULT_ON_ERROR;

	final List<CheckpointListener> listeners = new ArrayList<>();

	CodeScope codeScope = CodeScope.transitive(List.of());

	final List<KeyContributor> contributors = new ArrayList<>();

	@Nullable KeyStrategy keyStrategy;

	ManagedObjects managedObjects = ManagedObjects.NONE;

	PropertyLookup properties = PropertyLookup.NONE;

	Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

	DataReads dataReads = DataReads.NONE;

	Duration dataVersionsRefresh = DEFAULT_DATA_VERSIONS_REFRESH;

	@Nullable Duration timeToLive;

	@Nullable Duration refreshAfter;

	@Nullable Executor refreshExecutor;

	@Nullable EntrySigner signer;

	@Nullable MemoryTier memoryTier;

	CheckpointExpressions expressions = CheckpointExpressions.NONE;

	int recentCalls;

	CheckpointEngineBuilder() {
		serializer(JacksonSerializer.json());
	}

	/**
	 * @param enabled {@code false} makes every checkpointed method run plainly; {@code true} by default
	 * @return this builder
	 */
	public CheckpointEngineBuilder enabled(boolean enabled) {
		this.enabled = enabled;
		return this;
	}

	/**
	 * @param backend where entries are stored; files under {@link #DEFAULT_DIRECTORY} by default
	 * @return this builder
	 */
	public CheckpointEngineBuilder backend(CacheBackend backend) {
		this.backend = Objects.requireNonNull(backend, "backend must not be null");
		return this;
	}

	/**
	 * Makes a serializer available under its id, replacing one of the same id. Only {@code json}
	 * is available by default; {@link BuiltInSerializers#available()} has the others.
	 * @param serializer the serializer
	 * @return this builder
	 */
	public CheckpointEngineBuilder serializer(ResultSerializer serializer) {
		Objects.requireNonNull(serializer, "serializer must not be null");
		String id = serializer.id();
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("serializer " + serializer.getClass().getName() + " has no id");
		}
		this.serializers.put(id, serializer);
		return this;
	}

	/**
	 * @param serializerId the id of the serializer used unless a method names its own; one of
	 * the {@linkplain #serializer serializers} by the time the engine is built
	 * @return this builder
	 */
	public CheckpointEngineBuilder defaultSerializer(String serializerId) {
		this.defaultSerializer = Objects.requireNonNull(serializerId, "defaultSerializer must not be null");
		return this;
	}

	/**
	 * @param onError the policy used unless a method names its own; not {@code INHERIT}
	 * @return this builder
	 */
	public CheckpointEngineBuilder onError(OnError onError) {
		Objects.requireNonNull(onError, "onError must not be null");
		if (onError == OnError.INHERIT) {
			throw new IllegalArgumentException("onError must be WARN, RAISE or IGNORE; INHERIT only makes sense on @Checkpoint");
		}
		this.onError = onError;
		return this;
	}

	/**
	 * @param codeScope how much code a method's fingerprint covers; by default calls into the
	 * checkpointed class's package and below are followed
	 * @return this builder
	 */
	public CheckpointEngineBuilder codeScope(CodeScope codeScope) {
		this.codeScope = Objects.requireNonNull(codeScope, "codeScope must not be null");
		return this;
	}

	/**
	 * Adds something of the application's own to the keys of the methods it applies to.
	 * @param contributor the contributor
	 * @return this builder
	 */
	public CheckpointEngineBuilder keyContributor(KeyContributor contributor) {
		this.contributors.add(Objects.requireNonNull(contributor, "keyContributor must not be null"));
		return this;
	}

	/**
	 * Replaces the whole derivation of call identities: code, state, arguments and key
	 * contributors are then ignored.
	 * @param keyStrategy the strategy, or {@code null} for the built-in derivation
	 * @return this builder
	 */
	public CheckpointEngineBuilder keyStrategy(@Nullable KeyStrategy keyStrategy) {
		this.keyStrategy = keyStrategy;
		return this;
	}

	/**
	 * Lets the state of a call follow collaborators: unwraps the proxies, lazy references and
	 * providers that lead to them, and tells them from values. The Spring adapter sets it.
	 * @param managedObjects what the container knows about the objects a method's state leads to
	 * @return this builder
	 */
	public CheckpointEngineBuilder managedObjects(ManagedObjects managedObjects) {
		this.managedObjects = Objects.requireNonNull(managedObjects, "managedObjects must not be null");
		return this;
	}

	/**
	 * Tells which data types a call reads, so that the key of a method that reads data through
	 * repositories holds their current data versions. The Spring adapter sets Spring Data's.
	 * @param dataReads which calls read which data types
	 * @return this builder
	 */
	public CheckpointEngineBuilder dataReads(DataReads dataReads) {
		this.dataReads = Objects.requireNonNull(dataReads, "dataReads must not be null");
		return this;
	}

	/**
	 * @param refresh how long a data version read from the store is used before it is read again:
	 * another instance's data change is seen within that time; zero reads the store on every call
	 * @return this builder
	 */
	public CheckpointEngineBuilder dataVersionsRefresh(Duration refresh) {
		Objects.requireNonNull(refresh, "dataVersionsRefresh must not be null");
		if (refresh.isNegative()) {
			throw new IllegalArgumentException("dataVersionsRefresh must be zero or more, not " + refresh);
		}
		this.dataVersionsRefresh = refresh;
		return this;
	}

	/**
	 * Where a method's reads of configuration properties by name ({@code Environment.getProperty})
	 * find their values for its key. The Spring adapter sets the application's {@code Environment}.
	 * @param properties the application's properties
	 * @return this builder
	 */
	public CheckpointEngineBuilder propertyLookup(PropertyLookup properties) {
		this.properties = Objects.requireNonNull(properties, "propertyLookup must not be null");
		return this;
	}

	/**
	 * @param lockTimeout how long a miss waits for another process that shares the store and
	 * computes the same key, before computing it too; zero or more
	 * @return this builder
	 */
	public CheckpointEngineBuilder lockTimeout(Duration lockTimeout) {
		Objects.requireNonNull(lockTimeout, "lockTimeout must not be null");
		if (lockTimeout.isNegative()) {
			throw new IllegalArgumentException("lockTimeout must not be negative, was " + lockTimeout);
		}
		this.lockTimeout = lockTimeout;
		return this;
	}

	/**
	 * @param timeToLive how long entries stay valid unless a method sets its own
	 * {@code @Checkpoint(ttl = ...)}; positive, or {@code null} for ever
	 * @return this builder
	 */
	public CheckpointEngineBuilder timeToLive(@Nullable Duration timeToLive) {
		if (timeToLive != null && (timeToLive.isZero() || timeToLive.isNegative())) {
			throw new IllegalArgumentException("timeToLive must be positive, was " + timeToLive);
		}
		this.timeToLive = timeToLive;
		return this;
	}

	/**
	 * @param refreshAfter the age after which a hit is returned and recomputed in the background,
	 * unless a method sets its own {@code @Checkpoint(refreshAfter = ...)}; positive and shorter
	 * than the time to live, or {@code null} for never
	 * @return this builder
	 */
	public CheckpointEngineBuilder refreshAfter(@Nullable Duration refreshAfter) {
		if (refreshAfter != null && (refreshAfter.isZero() || refreshAfter.isNegative())) {
			throw new IllegalArgumentException("refreshAfter must be positive, was " + refreshAfter);
		}
		this.refreshAfter = refreshAfter;
		return this;
	}

	/**
	 * @param refreshExecutor runs the background refreshes of stale entries; by default a virtual
	 * thread per refresh on Java 21 and later, else daemon threads
	 * @return this builder
	 */
	public CheckpointEngineBuilder refreshExecutor(Executor refreshExecutor) {
		this.refreshExecutor = Objects.requireNonNull(refreshExecutor, "refreshExecutor must not be null");
		return this;
	}

	/**
	 * Signs every entry stored and refuses, before deserializing anything, every entry read
	 * that this signer did not sign: the method then runs, and the refusal is a failure under
	 * the error policy.
	 * @param signer the signer, or {@code null} to store unsigned entries and accept any
	 * @return this builder
	 */
	public CheckpointEngineBuilder signer(@Nullable EntrySigner signer) {
		this.signer = signer;
		return this;
	}

	/**
	 * Keeps recent results in memory in front of the backend.
	 * @param memoryTier the tier, or {@code null} for none (the default)
	 * @return this builder
	 */
	public CheckpointEngineBuilder memoryTier(@Nullable MemoryTier memoryTier) {
		this.memoryTier = memoryTier;
		return this;
	}

	/**
	 * Evaluates the {@code condition}, {@code unless} and {@code @Checkpoint.Key} expressions of
	 * checkpointed methods. The Spring adapter sets SpEL; without it, a method that declares an
	 * expression cannot be checkpointed.
	 * @param expressions prepares each method's expressions
	 * @return this builder
	 */
	public CheckpointEngineBuilder expressions(CheckpointExpressions expressions) {
		this.expressions = Objects.requireNonNull(expressions, "expressions must not be null");
		return this;
	}

	/**
	 * Keeps the last calls of each method in memory, with what each miss needs to be explained,
	 * and counts hits, misses and time saved per minute: what the console shows
	 * ({@link CheckpointsAdministration#recentCalls()}, {@link CheckpointsAdministration#timeline()}).
	 * @param perMethod how many calls are kept per method, in a ring; 0 (the default) records
	 * nothing, and a call then pays for nothing
	 * @return this builder
	 */
	public CheckpointEngineBuilder recentCalls(int perMethod) {
		if (perMethod < 0) {
			throw new IllegalArgumentException("recentCalls must not be negative, was " + perMethod);
		}
		this.recentCalls = perMethod;
		return this;
	}

	/**
	 * Adds a listener; listeners are told of each event in the order they were added.
	 * @param listener told of hits, misses and errors, for metrics
	 * @return this builder
	 */
	public CheckpointEngineBuilder listener(CheckpointListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
		return this;
	}

	/**
	 * @return the engine
	 * @throws IllegalArgumentException if the default serializer is not one of the serializers, or
	 * if refreshAfter is not shorter than the time to live
	 */
	public CheckpointEngine build() {
		if (!this.serializers.containsKey(this.defaultSerializer)) {
			throw new IllegalArgumentException("defaultSerializer '" + this.defaultSerializer
					+ "' is not one of the serializers " + this.serializers.keySet()
					+ BuiltInSerializers.missingDependency(this.defaultSerializer).map((hint) -> ". " + hint).orElse(""));
		}
		if (this.refreshAfter != null && this.timeToLive != null && this.refreshAfter.compareTo(this.timeToLive) >= 0) {
			throw new IllegalArgumentException("refreshAfter (" + this.refreshAfter + ") must be shorter than timeToLive ("
					+ this.timeToLive + "): an entry would expire before it is refreshed");
		}
		CacheBackend backend = this.backend;
		if (backend == null) {
			backend = new FilesystemBackend(DEFAULT_DIRECTORY);
			this.backend = backend;
		}
		return new CheckpointEngine(this, backend);
	}

}
