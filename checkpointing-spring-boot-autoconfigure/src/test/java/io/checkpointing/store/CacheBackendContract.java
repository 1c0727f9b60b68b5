package io.checkpointing.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.engine.CallStatistics.MethodStatistics;
import io.checkpointing.engine.Calculator;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.EngineCalls;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every {@link CacheBackend} must do, whatever it stores into. A backend's test extends
 * this class and says how to make the backend, whether it shares locks across processes, how
 * a holder of a lock dies, and how the store's own tools copy and rename an entry.
 */
public abstract class CacheBackendContract {

	private static final Duration DEAD_HOLDER_WAIT = Duration.ofSeconds(30);

	private static final String TWICE = "Calculator#twice";

	private static final EntrySigner SIGNER = new EntrySigner("a signing key of thirty-two bytes".getBytes(StandardCharsets.UTF_8));

	private @Nullable CacheBackend backend;

	/**
	 * @return a backend over an empty store that no other test uses
	 * @throws Exception if the store cannot be prepared
	 */
	protected abstract CacheBackend createBackend() throws Exception;

	/**
	 * Releases what {@link #createBackend()} made; the store was already cleared.
	 * @param backend the backend
	 * @throws Exception if releasing fails
	 */
	protected void destroyBackend(CacheBackend backend) throws Exception {
	}

	/**
	 * @return whether {@link CacheBackend#tryLock} excludes other processes; if not, it must
	 * always grant {@link KeyLock#UNSHARED}
	 */
	protected boolean supportsSharedLocks() {
		return true;
	}

	/**
	 * Takes the key's lock the way another process would, then dies without releasing it.
	 * Returns once the lock is taken; the store must make it available again by itself.
	 * @param key the key
	 * @return something to call when the holder should die now (may do nothing if the lock
	 * expires by itself)
	 * @throws Exception if the store cannot be reached
	 */
	protected AutoCloseable lockAndDie(CallKey key) throws Exception {
		throw new UnsupportedOperationException("a backend with shared locks says how a lock holder dies");
	}

	/**
	 * Copies the entry stored for one key over the entry of another, with the store's own tools
	 * (a file copy, Redis {@code COPY}, SQL), as an operator or a script might: the bytes are
	 * copied as they are.
	 * @param from the key whose entry is copied; it keeps its entry
	 * @param to the key whose entry is replaced by the copy
	 * @throws Exception if the store cannot be reached
	 */
	protected abstract void copyEntry(CallKey from, CallKey to) throws Exception;

	/**
	 * Moves the entry stored for one key to another key that has none, with the store's own
	 * tools (a file move, Redis {@code RENAME}, an SQL {@code UPDATE} of the row's key).
	 * @param from the key whose entry is moved; it has none afterwards
	 * @param to the key that has the entry afterwards
	 * @throws Exception if the store cannot be reached
	 */
	protected abstract void renameEntry(CallKey from, CallKey to) throws Exception;

	/**
	 * @return the size of the largest entry the contract writes
	 */
	protected int largeEntryBytes() {
		return 64 * 1024 * 1024;
	}

	@BeforeEach
	void createStore() throws Exception {
		this.backend = createBackend();
	}

	@AfterEach
	void clearStore() throws Exception {
		if (this.backend == null) {
			return; // the store was not there: the test was skipped
		}
		try {
			this.backend.clear();
		}
		finally {
			destroyBackend(this.backend);
		}
	}

	protected CacheBackend backend() {
		return this.backend;
	}

	@Test
	void aMissingKeyReadsAsEmpty() throws Exception {
		assertThat(this.backend.read(key(1))).isEmpty();
	}

	@Test
	void theHeadOfAnEntryHoldsItsHeaderAndNotItsWholePayload() throws Exception {
		assertThat(this.backend.readHead(key(1))).isEmpty();
		byte[] entry = bytes(entry(key(1), "Work.square", "p".repeat(20_000)));
		this.backend.write(key(1), ByteBuffer.wrap(entry));
		int headerLength = ByteBuffer.wrap(entry).getInt(8);
		assertThat(bytes(this.backend.readHead(key(1)))).hasSizeGreaterThanOrEqualTo(headerLength)
			.hasSizeLessThan(entry.length)
			.startsWith(java.util.Arrays.copyOf(entry, headerLength));
	}

	@Test
	void readsBackTheBytesItWrote() throws Exception {
		ByteBuffer entry = entry(key(1), "Work.square", "payload one");
		this.backend.write(key(1), entry);
		assertThat(bytes(this.backend.read(key(1)))).isEqualTo(bytes(entry));
	}

	@Test
	void writesFromTheBuffersPositionToItsLimitAndLeavesTheBufferAlone() throws Exception {
		byte[] entry = bytes(entry(key(1), "Work.square", "payload"));
		byte[] padded = new byte[entry.length + 20];
		System.arraycopy(entry, 0, padded, 7, entry.length);
		ByteBuffer slice = ByteBuffer.wrap(padded, 7, entry.length);
		this.backend.write(key(1), slice);
		assertThat(slice.position()).isEqualTo(7);
		assertThat(bytes(this.backend.read(key(1)))).isEqualTo(entry);
	}

	@Test
	void aWriteReplacesTheEntryOfTheSameKey() throws Exception {
		this.backend.write(key(1), entry(key(1), "Work.square", "old"));
		ByteBuffer replacement = entry(key(1), "Work.square", "new, and longer than the old one");
		this.backend.write(key(1), replacement);
		assertThat(bytes(this.backend.read(key(1)))).isEqualTo(bytes(replacement));
		try (Stream<StoredEntry> listed = this.backend.list()) {
			assertThat(listed.map(StoredEntry::key)).containsExactly(key(1));
		}
	}

	@Test
	void deleteRemovesOneEntryAndSaysWhetherThereWasOne() throws Exception {
		this.backend.write(key(1), entry(key(1), "Work.square", "one"));
		this.backend.write(key(2), entry(key(2), "Work.square", "two"));
		assertThat(this.backend.delete(key(1))).isTrue();
		assertThat(this.backend.delete(key(1))).isFalse();
		assertThat(this.backend.read(key(1))).isEmpty();
		assertThat(this.backend.read(key(2))).isPresent();
	}

	@Test
	void listsEveryEntryWithItsHeaderAndSize() throws Exception {
		ByteBuffer square = entry(key(1), "Work.square", "four");
		ByteBuffer cube = entry(key(2), "Work.cube", "eight!");
		this.backend.write(key(1), square);
		this.backend.write(key(2), cube);
		Map<CallKey, StoredEntry> listed;
		try (Stream<StoredEntry> entries = this.backend.list()) {
			listed = entries.collect(Collectors.toMap(StoredEntry::key, (stored) -> stored));
		}
		assertThat(listed).containsOnlyKeys(key(1), key(2));
		assertThat(listed.get(key(1)).header().methodName()).isEqualTo("Work.square");
		assertThat(listed.get(key(1)).size()).isEqualTo(square.remaining());
		assertThat(listed.get(key(1)).header().payloadLength()).isEqualTo(4);
		assertThat(listed.get(key(2)).header().methodName()).isEqualTo("Work.cube");
		assertThat(listed.get(key(2)).size()).isEqualTo(cube.remaining());
	}

	@Test
	void listsAnEntryWhoseHeaderIsLargerThanAFewKilobytes() throws Exception {
		List<KeyComponent> components = IntStream.range(0, 40)
			.mapToObj((i) -> new KeyComponent(KeyComponent.Kind.ARGUMENT, "argument" + i + "x".repeat(900), i))
			.toList();
		ByteBuffer entry = EntryFormat.encode(key(1), new EntryHeader("json", "Work.many", Instant.ofEpochMilli(1_000),
				Duration.ofMillis(5), "many", 0, components), (out) -> out.write(new byte[100_000]));
		this.backend.write(key(1), entry);
		try (Stream<StoredEntry> listed = this.backend.list()) {
			assertThat(listed).singleElement().satisfies((stored) -> {
				assertThat(stored.header().components()).hasSize(40);
				assertThat(stored.size()).isEqualTo(entry.remaining());
			});
		}
	}

	@Test
	void keepsDamagedEntriesAsTheyAreAndLeavesThemOutOfTheList() throws Exception {
		byte[] intact = bytes(entry(key(5), "Work.square", "a payload to damage"));
		byte[] flipped = intact.clone();
		flipped[flipped.length - 3] ^= 0x10;
		byte[] truncated = Arrays.copyOf(intact, 30);
		byte[] foreign = "not an entry at all".getBytes(StandardCharsets.UTF_8);
		this.backend.write(key(1), ByteBuffer.wrap(flipped));
		this.backend.write(key(2), ByteBuffer.wrap(truncated));
		this.backend.write(key(3), ByteBuffer.wrap(foreign));
		this.backend.write(key(4), ByteBuffer.wrap(new byte[0]));
		this.backend.write(key(5), ByteBuffer.wrap(intact));
		// A backend only moves bytes: the engine finds the damage and discards the entry.
		assertThat(bytes(this.backend.read(key(1)))).isEqualTo(flipped);
		assertThat(bytes(this.backend.read(key(2)))).isEqualTo(truncated);
		assertThat(bytes(this.backend.read(key(3)))).isEqualTo(foreign);
		assertThat(bytes(this.backend.read(key(4)))).isEmpty();
		try (Stream<StoredEntry> listed = this.backend.list()) {
			// A bit flip in the payload leaves the header readable; listing does not verify checksums.
			assertThat(listed.map(StoredEntry::key)).containsExactlyInAnyOrder(key(1), key(5));
		}
		assertThat(this.backend.delete(key(3))).isTrue();
	}

	@Test
	void anEntryCopiedOverAnotherKeysEntryIsRefusedDeletedAndComputedAgain() throws Throwable {
		assertACopiedEntryIsRefused(null);
	}

	@Test
	void aSignedEntryCopiedOverAnotherKeysEntryIsRefusedDeletedAndComputedAgain() throws Throwable {
		assertACopiedEntryIsRefused(SIGNER);
	}

	/**
	 * Stores {@code twice(1)} and {@code twice(2)}, copies the first's entry over the second's,
	 * and calls both again with a new engine, as a later run would.
	 */
	private void assertACopiedEntryIsRefused(@Nullable EntrySigner signer) throws Throwable {
		Calculator calculator = new Calculator();
		CallKey one = storeThroughAnEngine(calculator, 1, signer);
		CallKey two = storeThroughAnEngine(calculator, 2, signer);
		copyEntry(one, two);
		assertThat(bytes(this.backend.read(two))).as("the store copied the bytes as they are")
			.isEqualTo(bytes(this.backend.read(one)));
		CheckpointEngine engine = engine(OnError.WARN, signer);
		EngineCalls calls = new EngineCalls(engine);
		assertThat(calls.call(calculator, "twice", 2)).isEqualTo(4);
		assertThat(engine.statistics().of(TWICE)).as("the copy is an error and a miss, not a hit")
			.returns(0L, MethodStatistics::hits)
			.returns(1L, MethodStatistics::misses)
			.returns(1L, MethodStatistics::errors);
		Entry replacement = EntryFormat.decode(this.backend.read(two).orElseThrow(), two, signer);
		assertThat(StandardCharsets.UTF_8.decode(replacement.payload()).toString())
			.as("the copy was replaced by the key's own result, as JSON").isEqualTo("4");
		assertThat(calls.call(calculator, "twice", 1)).isEqualTo(2);
		assertThat(calls.call(calculator, "twice", 2)).isEqualTo(4);
		assertThat(engine.statistics().of(TWICE)).as("the original and the new entry hit")
			.returns(2L, MethodStatistics::hits)
			.returns(1L, MethodStatistics::misses)
			.returns(1L, MethodStatistics::errors);
	}

	@Test
	void anEntryRenamedToAnotherKeyIsDeletedThereAndItsOwnKeyIsAnOrdinaryMiss() throws Throwable {
		Calculator calculator = new Calculator();
		CallKey one = storeThroughAnEngine(calculator, 1, null);
		CallKey two = storeThroughAnEngine(calculator, 2, null);
		this.backend.delete(two);
		renameEntry(one, two);
		assertThat(this.backend.read(one)).isEmpty();
		CheckpointEngine strict = engine(OnError.RAISE, null);
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> new EngineCalls(strict).call(calculator, "twice", 2))
			.withMessageContaining("for key " + two)
			.withMessageContaining("is unusable and was deleted: it was written for another key");
		assertThat(this.backend.read(two)).as("the renamed entry was deleted").isEmpty();
		CheckpointEngine engine = engine(OnError.RAISE, null);
		EngineCalls calls = new EngineCalls(engine);
		assertThat(calls.call(calculator, "twice", 1)).isEqualTo(2);
		assertThat(calls.call(calculator, "twice", 2)).isEqualTo(4);
		assertThat(calls.call(calculator, "twice", 1)).isEqualTo(2);
		assertThat(calls.call(calculator, "twice", 2)).isEqualTo(4);
		assertThat(engine.statistics().of(TWICE)).returns(2L, MethodStatistics::hits)
			.returns(2L, MethodStatistics::misses)
			.returns(0L, MethodStatistics::errors);
	}

	private CheckpointEngine engine(OnError onError, @Nullable EntrySigner signer) {
		return CheckpointEngine.builder().backend(this.backend).onError(onError).signer(signer).build();
	}

	/** @return the key under which an engine stored {@code twice(value)} */
	private CallKey storeThroughAnEngine(Calculator calculator, int value, @Nullable EntrySigner signer) throws Throwable {
		CheckpointEngine engine = engine(OnError.RAISE, signer);
		Set<CallKey> before = engine.administration().entries().stream().map(StoredEntry::key).collect(Collectors.toSet());
		new EngineCalls(engine).call(calculator, "twice", value);
		return engine.administration().entries().stream().map(StoredEntry::key).filter((key) -> !before.contains(key)).findFirst().orElseThrow();
	}

	@Test
	void clearRemovesEveryEntry() throws Exception {
		for (int i = 1; i <= 25; i++) {
			this.backend.write(key(i), entry(key(i), "Work.square", "value " + i));
		}
		this.backend.clear();
		try (Stream<StoredEntry> listed = this.backend.list()) {
			assertThat(listed).isEmpty();
		}
		assertThat(this.backend.read(key(7))).isEmpty();
	}

	@Test
	void storesALargeEntryWhole() throws Exception {
		byte[] payload = new byte[largeEntryBytes()];
		for (int i = 0; i < payload.length; i += 4096) {
			payload[i] = (byte) (i >>> 12);
		}
		payload[payload.length - 1] = 42;
		ByteBuffer entry = EntryFormat.encode(key(1), new EntryHeader("json", "Work.large", Instant.ofEpochMilli(1_000),
				Duration.ofSeconds(3), "large", 0, List.of()), (out) -> out.write(payload));
		this.backend.write(key(1), entry);
		Optional<ByteBuffer> read = this.backend.read(key(1));
		assertThat(read).isPresent();
		Entry decoded = EntryFormat.decode(read.get(), key(1));
		assertThat(decoded.payload().remaining()).isEqualTo(payload.length);
		assertThat(decoded.payload().get(decoded.payload().position() + payload.length - 1)).isEqualTo((byte) 42);
		try (Stream<StoredEntry> listed = this.backend.list()) {
			assertThat(listed).singleElement().satisfies((stored) -> assertThat(stored.size()).isEqualTo(entry.limit()));
		}
	}

	@Test
	void streamsALargeEntryInAndOutAsTheBytesItWasWritten() throws Exception {
		byte[] payload = new byte[largeEntryBytes()];
		new java.util.Random(7).nextBytes(payload);
		EntryHeader header = new EntryHeader("json", "Work.streamed", Instant.ofEpochMilli(1_000), Duration.ofSeconds(3),
				"streamed", 0, List.of());
		this.backend.writeStream(key(1), (out) -> EntryFormat.write(out, key(1), header, (payloadOut) -> payloadOut.write(payload),
				null));
		Optional<java.io.InputStream> read = this.backend.readStream(key(1));
		assertThat(read).isPresent();
		try (java.io.InputStream in = read.get()) {
			StreamedEntry entry = EntryFormat.open(in, key(1), null);
			assertThat(entry.header().methodName()).isEqualTo("Work.streamed");
			assertThat(Arrays.equals(entry.payload().readAllBytes(), payload)).as("the payload read back").isTrue();
			entry.verify();
		}
		assertThat(this.backend.readStream(key(2))).isEmpty();
	}

	@Test
	void anEntryWhoseWriterFailsIsNotStoredAndLeavesThePreviousOne() throws Exception {
		this.backend.write(key(1), entry(key(1), "Work.previous", "previous"));
		assertThatExceptionOfType(java.io.IOException.class).isThrownBy(() -> this.backend.writeStream(key(1), (out) -> {
			out.write(new byte[100_000]);
			throw new java.io.IOException("the serializer failed");
		})).withMessage("the serializer failed");
		assertThat(EntryFormat.decode(this.backend.read(key(1)).orElseThrow(), key(1)).header().methodName())
			.isEqualTo("Work.previous");
	}

	@Test
	void concurrentWritersOfOneKeyLeaveOneWholeEntryAndReadersNeverSeeAPartialOne() throws Exception {
		int writers = 4;
		int rounds = 25;
		List<byte[]> written = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			byte[] payload = new byte[50_000 + w * 10_000];
			Arrays.fill(payload, (byte) w);
			int size = payload.length;
			written.add(bytes(EntryFormat.encode(key(1), new EntryHeader("json", "Work.writer" + w, Instant.ofEpochMilli(1_000),
					Duration.ZERO, "w" + w, 0, List.of()), (out) -> out.write(payload, 0, size))));
		}
		ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
		AtomicBoolean writing = new AtomicBoolean(true);
		Set<String> damaged = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> writes = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				byte[] mine = written.get(w);
				writes.add(threads.submit(() -> {
					start.await();
					for (int r = 0; r < rounds; r++) {
						this.backend.write(key(1), ByteBuffer.wrap(mine));
					}
					return null;
				}));
			}
			List<Future<?>> reads = new ArrayList<>();
			for (int r = 0; r < 2; r++) {
				reads.add(threads.submit(() -> {
					start.await();
					while (writing.get()) {
						Optional<ByteBuffer> read = this.backend.read(key(1));
						if (read.isPresent() && written.stream().noneMatch((w) -> Arrays.equals(w, bytes(read)))) {
							damaged.add("a read of " + read.get().remaining() + " bytes matched no written entry");
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> write : writes) {
				write.get(5, TimeUnit.MINUTES);
			}
			writing.set(false);
			for (Future<?> read : reads) {
				read.get(1, TimeUnit.MINUTES);
			}
		}
		finally {
			writing.set(false);
			threads.shutdownNow();
		}
		assertThat(damaged).isEmpty();
		byte[] last = bytes(this.backend.read(key(1)));
		assertThat(written).anySatisfy((w) -> assertThat(w).isEqualTo(last));
	}

	@Test
	void concurrentWritersOfDifferentKeysAllSucceed() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> writes = new ArrayList<>();
			for (int i = 1; i <= 40; i++) {
				int n = i;
				writes.add(threads.submit(() -> {
					this.backend.write(key(n), entry(key(n), "Work.square", "value " + n));
					return null;
				}));
			}
			for (Future<?> write : writes) {
				write.get(1, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}
		try (Stream<StoredEntry> listed = this.backend.list()) {
			assertThat(listed).hasSize(40);
		}
		assertThat(bytes(this.backend.read(key(17)))).isEqualTo(bytes(entry(key(17), "Work.square", "value 17")));
	}

	@Test
	void aHeldLockIsRefusedToOthersUntilItIsReleased() throws Exception {
		Optional<KeyLock> first = this.backend.tryLock(key(1));
		assertThat(first).isPresent();
		if (!supportsSharedLocks()) {
			assertThat(first.get()).isSameAs(KeyLock.UNSHARED);
			assertThat(tryLockElsewhere(key(1))).contains(KeyLock.UNSHARED);
			return;
		}
		assertThat(tryLockElsewhere(key(1))).isEmpty();
		Optional<KeyLock> other = this.backend.tryLock(key(2));
		assertThat(other).as("another key's lock is independent").isPresent();
		other.get().close();
		first.get().close();
		Optional<KeyLock> again = tryLockElsewhere(key(1));
		assertThat(again).isPresent();
		again.get().close();
	}

	/**
	 * Asks for a key's lock from another thread: the engine never asks twice from the thread that
	 * holds it, and a store may let that thread in again.
	 */
	private Optional<KeyLock> tryLockElsewhere(CallKey key) throws Exception {
		ExecutorService elsewhere = Executors.newSingleThreadExecutor();
		try {
			return elsewhere.submit(() -> this.backend.tryLock(key)).get(30, TimeUnit.SECONDS);
		}
		finally {
			elsewhere.shutdown();
		}
	}

	@Test
	void theHolderOfALockCanReadAndWriteItsKey() throws Exception {
		Optional<KeyLock> lock = this.backend.tryLock(key(1));
		assertThat(lock).isPresent();
		try (KeyLock held = lock.get()) {
			assertThat(this.backend.read(key(1))).isEmpty();
			this.backend.write(key(1), entry(key(1), "Work.square", "computed under the lock"));
			assertThat(this.backend.read(key(1))).isPresent();
		}
		assertThat(bytes(this.backend.read(key(1)))).isEqualTo(bytes(entry(key(1), "Work.square", "computed under the lock")));
	}

	@Test
	void closingALockTwiceDoesNothingTheSecondTime() throws Exception {
		KeyLock lock = this.backend.tryLock(key(1)).orElseThrow();
		lock.close();
		KeyLock next = this.backend.tryLock(key(1)).orElseThrow();
		lock.close(); // must not release the next holder's lock
		if (supportsSharedLocks()) {
			assertThat(tryLockElsewhere(key(1))).isEmpty();
		}
		next.close();
	}

	@Test
	void theLockOfAHolderThatDiedBecomesAvailable() throws Exception {
		Assumptions.assumeTrue(supportsSharedLocks(), "this backend's locks do not reach other processes");
		try (AutoCloseable die = lockAndDie(key(1))) {
			assertThat(this.backend.tryLock(key(1))).as("held by the other process").isEmpty();
			die.close();
			long deadline = System.nanoTime() + DEAD_HOLDER_WAIT.toNanos();
			Optional<KeyLock> taken = this.backend.tryLock(key(1));
			while (taken.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(50);
				taken = this.backend.tryLock(key(1));
			}
			assertThat(taken).as("the lock of a dead holder after " + DEAD_HOLDER_WAIT).isPresent();
			taken.get().close();
		}
	}

	/**
	 * @param n a small number
	 * @return a key distinct for each {@code n}
	 */
	protected static CallKey key(int n) {
		return CallKey.fromHex(String.format("%064x", 0xC0FFEE00L + n));
	}

	protected static ByteBuffer entry(CallKey key, String methodName, String payload) throws java.io.IOException {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return EntryFormat.encode(key, new EntryHeader("json", methodName, Instant.ofEpochMilli(1_700_000_000_000L),
				Duration.ofMillis(12), "(" + payload.length() + ")", 0,
				List.of(new KeyComponent(KeyComponent.Kind.ARGUMENT, "x", 7))), (out) -> out.write(bytes));
	}

	protected static byte[] bytes(Optional<ByteBuffer> entry) {
		assertThat(entry).as("an entry").isPresent();
		return bytes(entry.get());
	}

	protected static byte[] bytes(ByteBuffer entry) {
		byte[] bytes = new byte[entry.remaining()];
		entry.duplicate().get(bytes);
		return bytes;
	}

}
