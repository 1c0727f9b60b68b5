package io.checkpointing.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.checkpointing.key.CallKey;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.serial.UnstorableTypeException;
import io.checkpointing.store.ByteBufferInputStream;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.Entry;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.OutdatedFormatException;
import io.checkpointing.store.StreamedEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results stored for calls: read through the memory tier, if any, then the backend, checked
 * for expiry and damage and decoded; written with the entry format and kept in memory. An entry
 * that cannot be used is deleted and reported under the method's error policy, and the call is
 * a miss.
 */
final class StoredResults {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final CacheBackend backend;

	private final EntryCodec codec;

	private final @Nullable MemoryTier memory;

	private final Predicate<CheckpointedMethod> keyedByArgumentsAlone;

	private final CheckpointListener listener;

	private final FailurePolicy failures;

	/** The methods whose results turned out to be of a type their serializer cannot store. */
	private final Set<CheckpointedMethod.Identity> unstorable = ConcurrentHashMap.newKeySet();

	private final CallObservations observations;

	/**
	 * @param keyedByArgumentsAlone whether nothing but its arguments can change a method's keys,
	 * so that the memory tier may find its results by argument equality
	 */
	StoredResults(CacheBackend backend, EntryCodec codec, @Nullable MemoryTier memory,
			Predicate<CheckpointedMethod> keyedByArgumentsAlone, CheckpointListener listener, FailurePolicy failures,
			CallObservations observations) {
		this.backend = backend;
		this.codec = codec;
		this.memory = memory;
		this.keyedByArgumentsAlone = keyedByArgumentsAlone;
		this.listener = listener;
		this.failures = failures;
		this.observations = observations;
	}

	/**
	 * Looks a call up by its arguments alone, before anything is hashed: only plain-value
	 * arguments of methods keyed by their arguments alone are found this way.
	 * @return the result the memory tier holds for the call, or {@code null}
	 */
	@Nullable Stored heldFor(CheckpointedMethod method, MethodCall call) {
		if (this.memory == null) {
			return null;
		}
		return heldInMemory(method, this.memory.argumentsKey(method, call.arguments(), this.keyedByArgumentsAlone), true);
	}

	/** @return the stored value, from memory or the backend, or {@code null} on a miss */
	@Nullable Stored load(CheckpointedMethod method, CallKey key, MethodCall call) {
		this.observations.key(key);
		CallObserver.Stage stage = this.observations.stage("load");
		try {
			return loadUnobserved(method, key, call);
		}
		finally {
			stage.close();
		}
	}

	private @Nullable Stored loadUnobserved(CheckpointedMethod method, CallKey key, MethodCall call) {
		Stored held = heldInMemory(method, key, false);
		if (held != null) {
			return held;
		}
		long start = System.nanoTime();
		Optional<InputStream> opened;
		try {
			opened = this.backend.readStream(key);
		}
		catch (IOException | RuntimeException ex) {
			this.failures.handle(method, CheckpointFailure.unreadable(method, this.backend.location(), key, ex));
			return null;
		}
		catch (OutOfMemoryError ex) {
			// A backend that cannot stream holds the whole entry.
			this.failures.handle(method, CheckpointFailure.unreadable(method, this.backend.location(), key,
					LowHeap.reading(ex)));
			return null;
		}
		if (opened.isEmpty()) {
			return null;
		}
		try (InputStream in = opened.get()) {
			return (in instanceof ByteBufferInputStream buffered)
					? loadBuffered(method, key, call, buffered.unread(), start)
					: loadStreamed(method, key, in, start);
		}
		catch (IOException | RuntimeException ex) {
			this.failures.handle(method, CheckpointFailure.unreadable(method, this.backend.location(), key, ex));
			return null;
		}
		catch (OutOfMemoryError ex) {
			// Our buffers or the result read back: the heap is too small for this entry, not for the application.
			this.failures.handle(method, CheckpointFailure.unreadable(method, this.backend.location(), key,
					LowHeap.reading(ex)));
			return null;
		}
	}

	/** Reads an entry the backend holds in memory or maps: verified whole before it is decoded. */
	private @Nullable Stored loadBuffered(CheckpointedMethod method, CallKey key, MethodCall call, ByteBuffer bytes,
			long start) {
		Entry entry;
		Object value;
		try {
			entry = this.codec.open(bytes, key);
			if (isExpired(method, key, entry.header())) {
				return null;
			}
			value = this.codec.decode(method, entry);
		}
		catch (DamagedEntryException | EntryCodec.UnusablePayloadException | RuntimeException ex) {
			return refused(method, key, ex);
		}
		keepInMemory(method, key, call, value, bytes, entry.header());
		return hit(method, key, value, entry.header(), start);
	}

	/**
	 * Reads an entry the backend streams. Its checksum and signature are known once its result
	 * is read, and the result is used only if they match. The memory tier does not keep it: it
	 * keeps entries, and this one was never held whole.
	 */
	private @Nullable Stored loadStreamed(CheckpointedMethod method, CallKey key, InputStream in, long start)
			throws IOException {
		StreamedEntry entry;
		Object value;
		try {
			entry = this.codec.open(in, key);
			if (isExpired(method, key, entry.header())) {
				return null;
			}
			value = this.codec.decode(method, entry);
		}
		catch (DamagedEntryException | EntryCodec.UnusablePayloadException | RuntimeException ex) {
			return refused(method, key, ex);
		}
		return hit(method, key, value, entry.header(), start);
	}

	private static boolean isExpired(CheckpointedMethod method, CallKey key, EntryHeader header) {
		boolean expired = method.isExpired(header.created());
		if (expired) {
			logger.debug("Expired entry for {} {}, stored {}", method.name(), key, header.created());
		}
		return expired;
	}

	/**
	 * Makes a miss of an entry a load cannot use, and deletes it: one an earlier release wrote is
	 * an ordinary miss; any other is damage, reported (an exception neither the format nor the
	 * codec threw is still no reason to fail the call).
	 * @return {@code null}, the miss
	 */
	private @Nullable Stored refused(CheckpointedMethod method, CallKey key, Exception ex) {
		if (ex instanceof OutdatedFormatException outdated) {
			logger.debug("Entry of an earlier format for {} {}: {}", method.name(), key, outdated.getMessage());
			delete(method, key);
		}
		else if (ex instanceof DamagedEntryException damaged) {
			discardUnusable(method, key, EntryDamage.of(damaged), damaged);
		}
		else if (ex instanceof EntryCodec.UnusablePayloadException unusable) {
			discardUnusable(method, key, unusable.damage(), unusable.getCause());
		}
		else {
			discardUnusable(method, key, new EntryDamage("it cannot be decoded: " + ex.getClass().getName(),
					"it cannot be decoded: " + ex), ex);
		}
		return null;
	}

	private Stored hit(CheckpointedMethod method, CallKey key, @Nullable Object value, EntryHeader header, long start) {
		// A forged header can claim a negative duration; time saved never goes down.
		this.listener.hit(method.name(), System.nanoTime() - start, Math.max(0, header.computeDuration().toNanos()));
		logger.debug("Hit for {} {}", method.name(), key);
		return new Stored(value, header.created());
	}

	/**
	 * Encodes and writes a result, and keeps it in memory. A failure follows the error policy,
	 * or, for a result that completed after the call returned, is logged.
	 * @param value the result as stored (the content of an {@code Optional} or a future)
	 * @param computeDuration how long the method ran
	 * @param asynchronous whether the call returned before the result completed
	 */
	void store(CheckpointedMethod method, CallIdentity identity, ResultSerializer serializer, MethodCall call,
			@Nullable Object value, Duration computeDuration, boolean asynchronous) {
		CallObserver.Stage stage = this.observations.stage("store");
		try {
			storeUnobserved(method, identity, serializer, call, value, computeDuration, asynchronous);
		}
		finally {
			stage.close();
		}
	}

	private void storeUnobserved(CheckpointedMethod method, CallIdentity identity, ResultSerializer serializer,
			MethodCall call, @Nullable Object value, Duration computeDuration, boolean asynchronous) {
		long start = System.nanoTime();
		CallKey key = identity.key();
		try {
			EntryHeader header = new EntryHeader(serializer.id(), method.name(), Instant.now(), computeDuration,
					ArgumentSummary.of(method.parameters(), call.arguments()), 0, identity.components(method));
			ResultEntryWriter writer = this.codec.writer(method, key, serializer, header, value,
					(this.memory != null) ? this.memory.largestEntry() : 0);
			this.backend.writeStream(key, writer);
			try {
				this.codec.readBack(method, key, writer);
			}
			catch (UnstorableTypeException ex) {
				delete(method, key);
				throw ex;
			}
			ByteBuffer kept = writer.kept();
			if (kept != null) {
				keepInMemory(method, key, call, value, kept, header);
			}
			this.listener.stored(method.name(), System.nanoTime() - start);
			this.listener.written(method.name(), writer.size());
		}
		catch (OutOfMemoryError ex) {
			// Our buffers, never the result: it was computed before.
			handleStoreFailure(method, serializer, LowHeap.writing(ex), asynchronous);
		}
		catch (IOException | RuntimeException | StackOverflowError ex) {
			// A stack overflow is caught because the result's depth, not our code, chose how deep the writer recursed.
			handleStoreFailure(method, serializer, ex, asynchronous);
		}
	}

	private void handleStoreFailure(CheckpointedMethod method, ResultSerializer serializer, Throwable ex,
			boolean asynchronous) {
		CheckpointFailure failure;
		if (ex instanceof UnstorableTypeException && this.unstorable.add(method.identity())) {
			failure = CheckpointFailure.unstorableType(method, serializer, ex);
		}
		else {
			failure = CheckpointFailure.unstorable(method, serializer, this.backend.location(), ex);
		}
		if (asynchronous) {
			this.failures.handleAfterReturn(method, failure);
		}
		else {
			this.failures.handle(method, failure);
		}
	}

	/**
	 * Reads the header of a key's entry, not its result ({@link CacheBackend#readHead}), counting
	 * no hit: for {@code contains}, and for a refresh to see whether another process refreshed the
	 * key. One a load would refuse for its header (damaged, of an earlier format, another key's,
	 * unsigned where it must be signed) counts as none; the checksum and signature, which need the
	 * payload, are not checked.
	 * @return the header, or {@code null} if there is no usable one
	 * @throws IOException if the store cannot be read
	 */
	@Nullable EntryHeader storedHeader(CallKey key) throws IOException {
		Optional<ByteBuffer> head = this.backend.readHead(key);
		if (head.isEmpty()) {
			return null;
		}
		try (InputStream in = new ByteBufferInputStream(head.get())) {
			EntryHeader header = this.codec.open(in, key).header();
			// a load refuses an entry whose serializer this application lacks: it is not stored
			return this.codec.knowsSerializer(header.serializerId()) ? header : null;
		}
		catch (DamagedEntryException | IOException | RuntimeException ex) {
			return null; // the store was read: the entry is what cannot be used
		}
	}

	/**
	 * @return whether a result of the method turned out to be of a type its serializer cannot
	 * store: its calls then run without checkpointing, paying for no key, lookup or encoding,
	 * until the application restarts (and checks again)
	 */
	boolean isUnstorable(CheckpointedMethod method) {
		return !this.unstorable.isEmpty() && this.unstorable.contains(method.identity());
	}

	/** Forgets what the memory tier holds: after an eviction, no key may find its old result there. */
	void forgetHeld() {
		if (this.memory != null) {
			this.memory.clear();
		}
	}

	/**
	 * @param freshOnly whether a result older than the method's {@code refreshAfter} is left alone,
	 * uncounted: found by its arguments, it goes on to be found by its key and refreshed, and counts
	 * as one hit there
	 * @return the result the memory tier holds under the key, or {@code null}
	 */
	private @Nullable Stored heldInMemory(CheckpointedMethod method, @Nullable Object key, boolean freshOnly) {
		MemoryTier memory = this.memory;
		if (memory == null || key == null) {
			return null;
		}
		MemoryTier.Held held;
		try {
			held = memory.get(key);
		}
		catch (DamagedEntryException ex) {
			// Only a call key finds a result written for another key; the tier has dropped it.
			this.failures.handle(method, CheckpointFailure.unusableHeld(method, (CallKey) key, EntryDamage.of(ex), ex));
			return null;
		}
		if (held == null || method.isExpired(held.created()) || (freshOnly && method.isStale(held.created()))) {
			return null;
		}
		long start = System.nanoTime();
		Object value = held.value();
		if (held.entry() != null) {
			try {
				value = this.codec.decode(method, this.codec.openHeld(held.entry(), held.key()));
			}
			catch (DamagedEntryException | EntryCodec.UnusablePayloadException | RuntimeException ex) {
				// It decoded when it was kept: the application changed; the backend decides.
				memory.invalidate(key);
				return null;
			}
		}
		this.listener.hit(method.name(), System.nanoTime() - start, Math.max(0, held.savedNanos()));
		return new Stored(value, held.created());
	}

	private void keepInMemory(CheckpointedMethod method, CallKey key, MethodCall call, @Nullable Object value,
			ByteBuffer entry, EntryHeader header) {
		if (this.memory != null) {
			this.memory.put(key, this.memory.argumentsKey(method, call.arguments(), this.keyedByArgumentsAlone), value,
					entry, header);
		}
	}

	/**
	 * Deletes an entry that cannot be used and reports it under the method's policy: one warning
	 * per method and kind of damage, each key at DEBUG, each entry counted as an error.
	 */
	private void discardUnusable(CheckpointedMethod method, CallKey key, EntryDamage damage, @Nullable Throwable cause) {
		delete(method, key);
		this.failures.handle(method, CheckpointFailure.unusable(method, this.backend.location(), key, damage, cause));
	}

	private void delete(CheckpointedMethod method, CallKey key) {
		try {
			this.backend.delete(key);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not delete the unusable entry {} of {}", key, method.name(), ex);
		}
	}

}
