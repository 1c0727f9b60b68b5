package io.checkpointing.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.Checkpoints;
import io.checkpointing.OnError;
import io.checkpointing.key.ArgumentHasher;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.CodeFingerprinter;
import io.checkpointing.key.CodeScope;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.key.KeyContributor;
import io.checkpointing.key.KeyStrategy;
import io.checkpointing.key.UnhashableValueException;
import io.checkpointing.key.MethodCode;
import io.checkpointing.key.StateReader;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.Entry;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.EntrySigner;
import io.checkpointing.store.KeyLock;
import io.checkpointing.store.OutdatedFormatException;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checkpointed calls: key → lookup → decode on a hit; on a miss, run the method once per
 * key (other threads wait for it), encode and store. Failures of checkpointing itself follow
 * the method's error policy; exceptions of the method are rethrown unchanged and never stored.
 *
 * <pre>{@code
 * CheckpointEngine engine = CheckpointEngine.builder()
 *     .backend(new FilesystemBackend(Path.of(".checkpointing")))
 *     .build();
 * Object result = engine.call(new MethodCall(method, target, args, () -> method.invoke(target, args)));
 * }</pre>
 */
public final class CheckpointEngine implements Checkpoints {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final boolean enabled;

	private final CacheBackend backend;

	private final Map<String, ResultSerializer> serializers;

	private final String defaultSerializerId;

	private final OnError defaultOnError;

	private final CheckpointListener listener;

	private final CallStatistics statistics = new CallStatistics();

	private final CodeFingerprinter code;

	private final ArgumentHasher arguments = new ArgumentHasher();

	private final StateReader state = new StateReader(this.arguments);

	private final ConcurrentMap<Method, CheckpointedMethod> methods = new ConcurrentHashMap<>();

	private final Set<Method> readBackVerified = ConcurrentHashMap.newKeySet();

	private final SingleFlight singleFlight = new SingleFlight();

	private final RerunScope rerunScope = new RerunScope();

	private final InspectionScope inspection = new InspectionScope();

	private final List<KeyContributor> contributors;

	private final @Nullable KeyStrategy keyStrategy;

	private final Map<String, LastMiss> lastMisses = new ConcurrentHashMap<>();

	private final FailurePolicy failures;

	private final KeyLockWaiter otherProcesses;

	/** Keys whose store lock this JVM holds: a thread that computes its own key again must not wait for itself. */
	private final Set<CallKey> lockedHere = ConcurrentHashMap.newKeySet();

	private final @Nullable Duration defaultTimeToLive;

	private final @Nullable EntrySigner signer;

	private final @Nullable MemoryTier memory;

	private CheckpointEngine(Builder builder) {
		this.enabled = builder.enabled;
		this.backend = builder.backend;
		this.serializers = Map.copyOf(builder.serializers);
		this.defaultSerializerId = builder.serializerId;
		this.defaultOnError = builder.onError;
		List<CheckpointListener> listeners = new ArrayList<>();
		listeners.add(this.statistics);
		listeners.addAll(builder.listeners);
		this.listener = CompositeListener.of(listeners);
		this.code = new CodeFingerprinter(builder.codeScope);
		this.contributors = List.copyOf(builder.contributors);
		this.keyStrategy = builder.keyStrategy;
		this.failures = new FailurePolicy(this.listener);
		this.otherProcesses = new KeyLockWaiter(this.backend, builder.lockTimeout);
		this.defaultTimeToLive = builder.timeToLive;
		this.signer = builder.signer;

		this.memory = builder.memory;
	}

	/**
	 * @return a builder with the defaults: enabled, files under {@code ./.checkpointing},
	 * {@code json}, {@code WARN}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Runs a call of a checkpointed method, or returns its stored result.
	 * @param call the call
	 * @return the method's result, computed now or earlier
	 * @throws Throwable whatever the method throws, unchanged; a {@link CheckpointException}
	 * under the {@code RAISE} policy
	 */
	public @Nullable Object call(MethodCall call) throws Throwable {
		if (!this.enabled) {
			return call.body().run();
		}
		CheckpointedMethod method = this.methods.computeIfAbsent(call.method(),
				(key) -> CheckpointedMethod.of(key, this.defaultOnError, this.defaultSerializerId, this.defaultTimeToLive));
		boolean rerun = this.rerunScope.isActive();
		if (this.memory != null && !rerun && !this.inspection.isActive()) {
			// Plain-value arguments find a result held in memory by equality, before anything is hashed.
			Stored held = heldInMemory(method, this.memory.argumentsKey(method, call.arguments(), this::keyedByArgumentsAlone));
			if (held != null) {
				return method.shape().fromStored(held.value());
			}
		}
		CallIdentity identity;
		ResultSerializer serializer;
		try {
			method.requireValidAnnotation();
			serializer = serializerOf(method);
			identity = identify(method, call);
		}
		catch (CheckpointException ex) {
			if (this.inspection.isActive()) {
				throw ex;
			}
			this.failures.handle(method, ex);
			return runBody(call);
		}
		catch (RuntimeException | LinkageError ex) {
			// A class file ASM cannot read, a class missing from a signature, a collection changed
			// while it was hashed: our failure, handled like any other.
			CheckpointException failure = new CheckpointException("Cannot checkpoint " + method.name()
					+ ": identifying the call failed: " + ex, ex);
			if (this.inspection.isActive()) {
				throw failure;
			}
			this.failures.handle(method, failure);
			return runBody(call);
		}
		CallKey key = identity.key();
		if (this.inspection.isActive()) {
			this.inspection.inspect(method, identity);
			return ResultShape.placeholder(method.method());
		}
		if (!rerun) {
			Stored stored = load(method, key, call);
			if (stored != null) {
				return method.shape().fromStored(stored.value());
			}
		}
		if (rerun) {
			// A rerun must run even while another caller computes the same key.
			return computeAndStore(method, identity, serializer, call, true);
		}
		return this.singleFlight.run(key, () -> computeAndStore(method, identity, serializer, call, false));
	}

	@Override
	public String explain(Runnable call) {
		Objects.requireNonNull(call, "call must not be null");
		return String.join("\n", this.inspection.inspecting("explain", call, this::explain));
	}

	@Override
	public boolean contains(Runnable call) {
		Objects.requireNonNull(call, "call must not be null");
		return this.inspection.inspecting("contains", call, (method, identity) -> isStored(identity))
			.stream()
			.allMatch(Boolean::booleanValue);
	}

	@Override
	public boolean evict(Runnable call) {
		Objects.requireNonNull(call, "call must not be null");
		return this.inspection.inspecting("evict", call, this::evict).contains(Boolean.TRUE);
	}

	private boolean isStored(CallIdentity identity) {
		try {
			return this.backend.read(identity.key()).isPresent();
		}
		catch (IOException ex) {
			throw new CheckpointException("Cannot read " + this.backend.location() + ": " + ex.getMessage(), ex);
		}
	}

	private boolean evict(CheckpointedMethod method, CallIdentity identity) {
		forgetHeldResults();
		try {
			return this.backend.delete(identity.key());
		}
		catch (IOException ex) {
			throw new CheckpointException("Cannot evict " + identity.key() + " of " + method.name() + " from "
					+ this.backend.location() + ": " + ex.getMessage(), ex);
		}
	}

	private String explain(CheckpointedMethod method, CallIdentity identity) {
		if (isStored(identity)) {
			return method.name() + ": stored under " + identity.key() + "; the call would hit";
		}
		return "Not stored: " + MissExplainer.explain(method.name(), identity.components(method), entries());
	}

	@Override
	public <T> T rerun(Supplier<T> calls) {
		Objects.requireNonNull(calls, "calls must not be null");
		return this.rerunScope.rerunning(calls);
	}

	@Override
	public int evictAll(String methodName) {
		Objects.requireNonNull(methodName, "methodName must not be null");
		forgetHeldResults();
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
	 * Removes every entry of every method from the backend.
	 * @return how many readable entries there were before
	 * @throws CheckpointException if the backend cannot be read or written
	 */
	public int evictAll() {
		int entries = entries().size();
		forgetHeldResults();
		try {
			this.backend.clear();
		}
		catch (IOException ex) {
			throw new CheckpointException("Cannot clear " + this.backend.location() + ": " + ex.getMessage(), ex);
		}
		return entries;
	}

	/**
	 * @return every readable entry in the backend, of every method
	 * @throws CheckpointException if the backend cannot be read
	 */
	public List<StoredEntry> entries() {
		try (Stream<StoredEntry> entries = this.backend.list()) {
			return entries.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new CheckpointException("Cannot list the entries in " + this.backend.location() + ": "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * @return what this engine did with each method's calls since it was built
	 */
	public CallStatistics statistics() {
		return this.statistics;
	}

	/**
	 * @return where entries are stored
	 */
	public CacheBackend backend() {
		return this.backend;
	}

	/**
	 * @return the id of the serializer used unless a method names its own
	 */
	public String defaultSerializer() {
		return this.defaultSerializerId;
	}

	private CallIdentity identify(CheckpointedMethod method, MethodCall call) {
		if (this.keyStrategy != null) {
			return identifyByStrategy(method, call);
		}
		MethodCode methodCode = this.code.codeOf(method.method());
		byte[][] fieldParts = this.state.hashEach(methodCode.fieldsRead(), call.target());
		byte[][] argumentParts = this.arguments.hash(method.parameters(), call.arguments());
		Map<String, byte[]> contributions = contributionsTo(method);
		byte[][] stateParts = fieldParts;
		if (!contributions.isEmpty()) {
			stateParts = java.util.Arrays.copyOf(fieldParts, fieldParts.length + contributions.size());
			int next = fieldParts.length;
			for (byte[] contribution : contributions.values()) {
				stateParts[next++] = contribution;
			}
		}
		CallKey key = CallKey.of(methodCode.fingerprintWith(method.version()), StateReader.combine(stateParts),
				argumentParts);
		return new CallIdentity(key, methodCode, fieldParts, argumentParts, contributions);
	}

	/** The user's strategy is the whole identity: it is kept as the key's only component. */
	private CallIdentity identifyByStrategy(CheckpointedMethod method, MethodCall call) {
		byte[] identity;
		try {
			identity = this.arguments.hashValue(this.keyStrategy.identify(call.method(), call.target(), call.arguments()));
		}
		catch (UnhashableValueException ex) {
			throw new CheckpointException("Cannot checkpoint " + method.name() + ": the KeyStrategy returned a value with"
					+ " no canonical form: " + ex.getMessage(), ex);
		}
		MethodCode none = new MethodCode(new byte[0], List.of(), Map.of());
		// Scoped to the method, as the Python package's identifier is to its function.
		byte[] methodId = method.method().toGenericString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		CallKey key = CallKey.of(methodId, new byte[0], new byte[][] { identity });
		return new CallIdentity(key, none, new byte[0][], new byte[0][], Map.of("key strategy", identity));
	}

	private Map<String, byte[]> contributionsTo(CheckpointedMethod method) {
		if (this.contributors.isEmpty()) {
			return Map.of();
		}
		Map<String, byte[]> contributions = new LinkedHashMap<>();
		for (KeyContributor contributor : this.contributors) {
			if (contributor.appliesTo(method.method())) {
				try {
					contributions.put(contributor.name(), this.arguments.hashValue(contributor.contribution(method.method())));
				}
				catch (UnhashableValueException ex) {
					throw new CheckpointException("Cannot checkpoint " + method.name() + ": key contributor '"
							+ contributor.name() + "' returned a value with no canonical form: " + ex.getMessage(), ex);
				}
			}
		}
		return contributions;
	}

	private ResultSerializer serializerOf(CheckpointedMethod method) {
		ResultSerializer serializer = this.serializers.get(method.serializerId());
		if (serializer == null) {
			throw new CheckpointException("Cannot checkpoint " + method.name() + ": no serializer has the id '"
					+ method.serializerId() + "'. Known serializers: " + this.serializers.keySet()
					+ ". Set checkpointing.serializer or @Checkpoint(serializer = ...) to one of them.");
		}
		return serializer;
	}

	/** @return the stored value, from memory or the backend, or {@code null} on a miss */
	private @Nullable Stored load(CheckpointedMethod method, CallKey key, MethodCall call) {
		Stored held = heldInMemory(method, key);
		if (held != null) {
			return held;
		}
		long start = System.nanoTime();
		Optional<ByteBuffer> bytes;
		try {
			bytes = this.backend.read(key);
		}
		catch (IOException | RuntimeException ex) {
			// The message names the entry's file; one warning per kind of failure is enough.
			CheckpointException failure = new CheckpointException("Cannot read the stored result of " + method.name()
					+ " for key " + key + " from " + this.backend.location() + ": " + ex.getMessage(), ex);
			this.failures.handle(method, failure, "unreadable: " + ex.getClass().getName(), "Cannot read a stored result of "
					+ method.name() + " from " + this.backend.location() + ": " + ex.getMessage() + ". The method runs"
					+ " without checkpointing; other keys that fail alike are logged at DEBUG only.");
			return null;
		}
		if (bytes.isEmpty()) {
			return null;
		}
		Entry entry;
		try {
			entry = EntryFormat.decode(bytes.get(), key, this.signer);
		}
		catch (OutdatedFormatException ex) {
			// Written by an earlier release: an ordinary miss, not damage; its key's new result replaces it.
			logger.debug("Entry of an earlier format for {} {}: {}", method.name(), key, ex.getMessage());
			discard(method, key);
			return null;
		}
		catch (DamagedEntryException ex) {
			discardUnusable(method, key, EntryDamage.of(ex), ex);
			return null;
		}
		catch (RuntimeException ex) {
			// The format reports damage as DamagedEntryException; anything else is still no reason to fail the call.
			discardUnusable(method, key, new EntryDamage("it cannot be decoded: " + ex.getClass().getName(),
					"it cannot be decoded: " + ex), ex);
			return null;
		}
		Object value;
		try {
			if (method.isExpired(entry.header().created())) {
				logger.debug("Expired entry for {} {}, stored {}", method.name(), key, entry.header().created());
				return null;
			}
			value = decode(method, entry);
		}
		catch (UnusablePayloadException ex) {
			discardUnusable(method, key, ex.damage, ex.getCause());
			return null;
		}
		catch (RuntimeException ex) {
			// A creation time so far off that adding the time to live overflows: only a forged header has one.
			discardUnusable(method, key, new EntryDamage("its header cannot be used", "its header cannot be used: " + ex), ex);
			return null;
		}
		keepInMemory(method, key, call, value, bytes.get(), entry.header());
		// A forged header can claim a negative duration; time saved never goes down.
		this.listener.hit(method.name(), System.nanoTime() - start, Math.max(0, entry.header().computeDuration().toNanos()));
		logger.debug("Hit for {} {}", method.name(), key);
		return new Stored(value);
	}

	/** @return the result the memory tier holds under the key, or {@code null} */
	private @Nullable Stored heldInMemory(CheckpointedMethod method, @Nullable Object key) {
		MemoryTier.Held held;
		try {
			held = (this.memory != null) ? this.memory.get(key) : null;
		}
		catch (DamagedEntryException ex) {
			// Only the tier's copy is at fault, and it is dropped: the backend's entry decides.
			EntryDamage damage = EntryDamage.of(ex);
			this.failures.handle(method, new CheckpointException("The result of " + method.name() + " held in memory for"
					+ " key " + key + " is unusable and was dropped: " + damage.reason(), ex), damage.kind(), "A result of "
					+ method.name() + " held in memory is unusable and was dropped: " + damage.reason() + ". The store is read"
					+ " instead.");
			return null;
		}
		if (held == null || method.isExpired(held.created())) {
			return null;
		}
		long start = System.nanoTime();
		Object value = held.value();
		if (held.entry() != null) {
			try {
				value = decode(method, EntryFormat.decode(held.entry().duplicate(), held.key()));
			}
			catch (DamagedEntryException | UnusablePayloadException | RuntimeException ex) {
				// It decoded when it was kept: the application changed; the backend decides.
				this.memory.invalidate(key);
				return null;
			}
		}
		this.listener.hit(method.name(), System.nanoTime() - start, Math.max(0, held.savedNanos()));
		return new Stored(value);
	}

	private void keepInMemory(CheckpointedMethod method, CallKey key, MethodCall call, @Nullable Object value,
			ByteBuffer entry, EntryHeader header) {
		if (this.memory != null) {
			this.memory.put(key, this.memory.argumentsKey(method, call.arguments(), this::keyedByArgumentsAlone), value,
					entry, header);
		}
	}

	/** Whether nothing but the arguments can change the key during this JVM's life. */
	private boolean keyedByArgumentsAlone(CheckpointedMethod method) {
		return this.keyStrategy == null && this.code.codeOf(method.method()).fieldsRead().isEmpty()
				&& this.contributors.stream().noneMatch((contributor) -> contributor.appliesTo(method.method()));
	}

	/**
	 * Deletes an entry that cannot be used and reports it under the method's policy: one warning
	 * per method and kind of damage, each key at DEBUG, each entry counted as an error.
	 */
	private void discardUnusable(CheckpointedMethod method, CallKey key, EntryDamage damage, @Nullable Throwable cause) {
		discard(method, key);
		String location = this.backend.location();
		CheckpointException failure = new CheckpointException("The stored result of " + method.name() + " for key " + key
				+ " in " + location + " is unusable and was deleted: " + damage.reason() + ". It is computed again.", cause);
		this.failures.handle(method, failure, damage.kind(), "A stored result of " + method.name() + " in " + location
				+ " is unusable and was deleted: " + damage.reason() + ". It is computed again and rewritten. Other entries"
				+ " of " + method.name() + " unusable for this reason are handled alike and logged at DEBUG only, with"
				+ " their keys.");
	}

	private @Nullable Object decode(CheckpointedMethod method, Entry entry) throws UnusablePayloadException {
		String serializerId = entry.header().serializerId();
		ResultSerializer serializer = this.serializers.get(serializerId);
		if (serializer == null) {
			throw new UnusablePayloadException(EntryDamage.unknownSerializer(serializerId), null);
		}
		Object value;
		try {
			value = serializer.read(entry.payload(), method.storedType());
		}
		catch (IOException | RuntimeException | StackOverflowError ex) {
			// A stack overflow is caught because the payload, not our code, chose how deep the reader recurses.
			throw new UnusablePayloadException(EntryDamage.unreadablePayload(serializerId, method.storedType(), ex), ex);
		}
		if (!ResultShape.holds(method.storedType(), value)) {
			// Serializers read into the declared type, but one that is not ours may not.
			throw new UnusablePayloadException(EntryDamage.wrongType(serializerId, method.storedType(), value), null);
		}
		return value;
	}

	private void forgetHeldResults() {
		if (this.memory != null) {
			this.memory.clear();
		}
	}

	/** A payload that cannot be turned into a value of the method's stored type. */
	private static final class UnusablePayloadException extends Exception {

		private static final long serialVersionUID = 1L;

		private final transient EntryDamage damage;

		UnusablePayloadException(EntryDamage damage, @Nullable Throwable cause) {
			super(damage.reason(), cause, false, false);
			this.damage = damage;
		}

	}

	private void discard(CheckpointedMethod method, CallKey key) {
		try {
			this.backend.delete(key);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not delete the unusable entry {} of {}", key, method.name(), ex);
		}
	}

	private @Nullable Object computeAndStore(CheckpointedMethod method, CallIdentity identity,
			ResultSerializer serializer, MethodCall call, boolean rerun) throws Throwable {
		CallKey key = identity.key();
		KeyLock lock = KeyLock.UNSHARED;
		if (!rerun) {
			// Another thread may have stored the result between our miss and our turn to compute.
			Stored stored = load(method, key, call);
			if (stored == null) {
				KeyLockWaiter.Claim claim = claimAcrossProcesses(method, key, call);
				stored = claim.stored();
				lock = (claim.lock() != null) ? claim.lock() : KeyLock.UNSHARED;
			}
			if (stored != null) {
				return method.shape().fromStored(stored.value());
			}
			this.listener.miss(method.name());
			this.lastMisses.put(method.name(), new LastMiss(key, identity.components(method)));
			if (logger.isDebugEnabled()) {
				logger.debug("Miss for {} {}. {}", method.name(), key, explainQuietly(method, identity));
			}
		}
		else {
			this.listener.rerun(method.name());
			logger.debug("Rerun of {} {}", method.name(), key);
		}
		try {
			return runAndStore(method, identity, serializer, call);
		}
		finally {
			release(method, key, lock);
		}
	}

	/**
	 * Takes the lock of a missing key in every process sharing the store, or waits for the entry
	 * of the process that holds it. A store that cannot lock is a failure under the policy, after
	 * which this process computes without the lock.
	 */
	private KeyLockWaiter.Claim claimAcrossProcesses(CheckpointedMethod method, CallKey key, MethodCall call) {
		if (this.lockedHere.contains(key)) {
			// Single-flight lets only the holder's own thread get here: recursion through an ignored parameter.
			return new KeyLockWaiter.Claim(KeyLock.UNSHARED, null);
		}
		KeyLockWaiter.Claim claim;
		try {
			claim = this.otherProcesses.claim(method.name(), key, () -> load(method, key, call));
		}
		catch (CheckpointException ex) {
			// A lookup while waiting failed under the RAISE policy: already reported.
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// No key in the message: the policy warns once per method and message, not once per key.
			this.failures.handle(method, new CheckpointException("Cannot lock keys of " + method.name() + " in "
					+ this.backend.location() + ", so other processes may compute them too: " + ex.getMessage(), ex));
			return new KeyLockWaiter.Claim(KeyLock.UNSHARED, null);
		}
		if (claim.lock() == null || claim.lock() == KeyLock.UNSHARED) {
			return claim;
		}
		KeyLock held = heldHere(key, claim.lock());
		try {
			// The holder before us may have stored it and let go between our miss and our lock.
			Stored stored = load(method, key, call);
			if (stored != null) {
				release(method, key, held);
				return new KeyLockWaiter.Claim(null, stored);
			}
			return new KeyLockWaiter.Claim(held, null);
		}
		catch (RuntimeException | Error ex) {
			// Under RAISE a damaged entry throws here: the lock must not outlive this call.
			release(method, key, held);
			throw ex;
		}
	}

	private KeyLock heldHere(CallKey key, KeyLock lock) {
		this.lockedHere.add(key);
		return () -> {
			this.lockedHere.remove(key);
			lock.close();
		};
	}

	private void release(CheckpointedMethod method, CallKey key, KeyLock lock) {
		try {
			lock.close();
		}
		catch (IOException | RuntimeException ex) {
			this.failures.handle(method, new CheckpointException("Cannot release the lock of key " + key + " of "
					+ method.name() + " in " + this.backend.location() + ": " + ex.getMessage(), ex));
		}
	}

	/**
	 * Runs the method and stores its result. Futures and reactive results are stored when they
	 * complete, after the lock of other processes is released: for them, other processes may
	 * compute the same key while this one has not yet stored it.
	 */
	private @Nullable Object runAndStore(CheckpointedMethod method, CallIdentity identity, ResultSerializer serializer,
			MethodCall call) throws Throwable {
		long start = System.nanoTime();
		Object result;
		try {
			result = runBody(call);
		}
		finally {
			this.listener.computed(method.name(), System.nanoTime() - start);
		}
		if (result != null && (method.shape() == ResultShape.MONO || method.shape() == ResultShape.FLUX)) {
			java.util.function.Consumer<@Nullable Object> storeWhenDone = (value) -> store(method, identity, serializer,
					call, value, Duration.ofNanos(System.nanoTime() - start), true);
			return (method.shape() == ResultShape.MONO) ? ReactiveResults.storingMono(result, storeWhenDone)
					: ReactiveResults.storingFlux(result, storeWhenDone);
		}
		if (method.shape() == ResultShape.FUTURE && result instanceof CompletionStage<?> future) {
			future.whenComplete((value, failure) -> {
				if (failure == null) {
					store(method, identity, serializer, call, value, Duration.ofNanos(System.nanoTime() - start), true);
				}
			});
			return result;
		}
		Object content = (method.shape() == ResultShape.OPTIONAL && result != null) ? ((Optional<?>) result).orElse(null)
				: result;
		store(method, identity, serializer, call, content, Duration.ofNanos(System.nanoTime() - start), false);
		return result;
	}

	/**
	 * Explains the latest miss of a method in this JVM against the entries stored now, other
	 * than the one that miss wrote.
	 * @param methodName the method's display name
	 * @return what differed, or empty if the method has not missed since the engine was built
	 */
	public Optional<String> explainLastMiss(String methodName) {
		LastMiss miss = this.lastMisses.get(methodName);
		if (miss == null) {
			return Optional.empty();
		}
		List<StoredEntry> others = entries().stream().filter((entry) -> !entry.key().equals(miss.key())).toList();
		return Optional.of(MissExplainer.explain(methodName, miss.components(), others));
	}

	/** The key parts of a method's latest miss, kept so the Actuator endpoint can explain it later. */
	private record LastMiss(CallKey key, List<KeyComponent> components) {

	}

	private String explainQuietly(CheckpointedMethod method, CallIdentity identity) {
		try {
			return MissExplainer.explain(method.name(), identity.components(method), entries());
		}
		catch (RuntimeException ex) {
			return "(no explanation: " + ex.getMessage() + ")";
		}
	}

	private @Nullable Object runBody(MethodCall call) throws Throwable {
		boolean rerun = this.rerunScope.suspend();
		try {
			return call.body().run();
		}
		finally {
			this.rerunScope.restore(rerun);
		}
	}

	private void store(CheckpointedMethod method, CallIdentity identity, ResultSerializer serializer, MethodCall call,
			@Nullable Object value, Duration computeDuration, boolean asynchronous) {
		long start = System.nanoTime();
		CallKey key = identity.key();
		try {
			EntryHeader header = new EntryHeader(serializer.id(), method.name(), Instant.now(), computeDuration,
					ArgumentSummary.of(method.parameters(), call.arguments()), 0, identity.components(method));
			ByteBuffer entry = EntryFormat.encode(key, header, (out) -> serializer.write(value, method.storedType(), out),
					this.signer);
			verifyReadBackOnce(method, key, entry);
			this.backend.write(key, entry);
			keepInMemory(method, key, call, value, entry, header);
			this.listener.stored(method.name(), System.nanoTime() - start);
		}
		catch (IOException | RuntimeException | StackOverflowError ex) {
			// A stack overflow is caught because the result's depth, not our code, chose how deep the writer recursed.
			CheckpointException failure = new CheckpointException("Cannot store the result of " + method.name()
					+ " (type " + method.storedType().getTypeName() + ", serializer '" + serializer.id() + "') in "
					+ this.backend.location() + ": " + ex.getMessage(), ex);
			if (asynchronous) {
				// The caller already holds its future; there is no one left to raise to.
				logger.warn("{}", failure.getMessage(), ex);
				this.listener.error(method.name(), failure);
			}
			else {
				this.failures.handle(method, failure);
			}
		}
	}

	/**
	 * Decodes the first entry each method stores in this JVM, so that a type the serializer can
	 * write but not read back (no constructor, an interface with no known implementation) fails
	 * now, with the type named, instead of as a damaged entry on every later call.
	 */
	private void verifyReadBackOnce(CheckpointedMethod method, CallKey key, ByteBuffer entry) throws IOException {
		if (this.readBackVerified.contains(method.method())) {
			return;
		}
		try {
			decode(method, EntryFormat.decode(entry.duplicate(), key, this.signer));
		}
		catch (DamagedEntryException | UnusablePayloadException | RuntimeException ex) {
			throw new IOException("the serializer wrote it but cannot read it back (" + ex.getMessage() + ")", ex);
		}
		this.readBackVerified.add(method.method());
	}

	/** Configures a {@link CheckpointEngine}; every argument is validated when it is set. */
	public static final class Builder {

		private boolean enabled = true;

		private CacheBackend backend;

		private final Map<String, ResultSerializer> serializers = new LinkedHashMap<>();

		private String serializerId = "json";

		private OnError onError = OnError.WARN;

		private final List<CheckpointListener> listeners = new ArrayList<>();

		private CodeScope codeScope = CodeScope.transitive(List.of());

		private final List<KeyContributor> contributors = new ArrayList<>();

		private @Nullable KeyStrategy keyStrategy;

		private Duration lockTimeout = Duration.ofMinutes(10);

		private @Nullable Duration timeToLive;

		private @Nullable EntrySigner signer;

		private @Nullable MemoryTier memory;

		private Builder() {
			serializer(JacksonSerializer.json());
		}

		/**
		 * @param enabled {@code false} makes every checkpointed method run plainly
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/**
		 * @param backend where entries are stored
		 * @return this builder
		 */
		public Builder backend(CacheBackend backend) {
			this.backend = Objects.requireNonNull(backend, "backend must not be null");
			return this;
		}

		/**
		 * Makes a serializer available under its id, replacing one of the same id.
		 * @param serializer the serializer
		 * @return this builder
		 */
		public Builder serializer(ResultSerializer serializer) {
			Objects.requireNonNull(serializer, "serializer must not be null");
			this.serializers.put(serializer.id(), serializer);
			return this;
		}

		/**
		 * @param serializerId the id of the serializer used unless a method names its own
		 * @return this builder
		 */
		public Builder defaultSerializer(String serializerId) {
			Objects.requireNonNull(serializerId, "defaultSerializer must not be null");
			this.serializerId = serializerId;
			return this;
		}

		/**
		 * @param onError the policy used unless a method names its own; not {@code INHERIT}
		 * @return this builder
		 */
		public Builder onError(OnError onError) {
			Objects.requireNonNull(onError, "onError must not be null");
			if (onError == OnError.INHERIT) {
				throw new IllegalArgumentException("onError must be WARN, RAISE or IGNORE; INHERIT only makes sense on @Checkpoint");
			}
			this.onError = onError;
			return this;
		}

		/**
		 * @param codeScope how much code a method's fingerprint covers; by default calls into
		 * the checkpointed class's package and below are followed
		 * @return this builder
		 */
		public Builder codeScope(CodeScope codeScope) {
			this.codeScope = Objects.requireNonNull(codeScope, "codeScope must not be null");
			return this;
		}

		/**
		 * Adds something of the application's own to the keys of the methods it applies to.
		 * @param contributor the contributor
		 * @return this builder
		 */
		public Builder keyContributor(KeyContributor contributor) {
			this.contributors.add(Objects.requireNonNull(contributor, "keyContributor must not be null"));
			return this;
		}

		/**
		 * Replaces the whole derivation of call identities: code, state, arguments and key
		 * contributors are then ignored.
		 * @param keyStrategy the strategy, or {@code null} for the built-in derivation
		 * @return this builder
		 */
		public Builder keyStrategy(@Nullable KeyStrategy keyStrategy) {
			this.keyStrategy = keyStrategy;
			return this;
		}

		/**
		 * @param lockTimeout how long a miss waits for another process that shares the store and
		 * computes the same key, before computing it too
		 * @return this builder
		 */
		public Builder lockTimeout(Duration lockTimeout) {
			Objects.requireNonNull(lockTimeout, "lockTimeout must not be null");
			if (lockTimeout.isNegative()) {
				throw new IllegalArgumentException("lockTimeout must not be negative, was " + lockTimeout);
			}
			this.lockTimeout = lockTimeout;
			return this;
		}

		/**
		 * @param timeToLive how long entries stay valid unless a method sets its own
		 * {@code @Checkpoint(ttl = ...)}; {@code null} for ever
		 * @return this builder
		 */
		public Builder timeToLive(@Nullable Duration timeToLive) {
			if (timeToLive != null && (timeToLive.isZero() || timeToLive.isNegative())) {
				throw new IllegalArgumentException("timeToLive must be positive, was " + timeToLive);
			}
			this.timeToLive = timeToLive;
			return this;
		}

		/**
		 * Signs every entry stored and refuses, before deserializing anything, every entry read
		 * that this signer did not sign: the method then runs, and the refusal is a failure
		 * under the error policy.
		 * @param signer the signer, or {@code null} to store unsigned entries and accept any
		 * @return this builder
		 */
		public Builder signer(@Nullable EntrySigner signer) {
			this.signer = signer;
			return this;
		}

		/**
		 * Keeps recent results in memory in front of the backend.
		 * @param memory the tier, or {@code null} for none (the default)
		 * @return this builder
		 */
		public Builder memoryTier(@Nullable MemoryTier memory) {
			this.memory = memory;
			return this;
		}

		/**
		 * Adds a listener; listeners are told of each event in the order they were added.
		 * @param listener told of hits, misses and errors, for metrics
		 * @return this builder
		 */
		public Builder listener(CheckpointListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
			return this;
		}

		/**
		 * @return the engine
		 * @throws IllegalArgumentException if the default serializer is unknown
		 */
		public CheckpointEngine build() {
			if (!this.serializers.containsKey(this.serializerId)) {
				throw new IllegalArgumentException("defaultSerializer '" + this.serializerId + "' is not one of the serializers "
						+ this.serializers.keySet());
			}
			if (this.backend == null) {
				this.backend = new io.checkpointing.store.FilesystemBackend(java.nio.file.Path.of(".checkpointing"));
			}
			return new CheckpointEngine(this);
		}

	}

}
