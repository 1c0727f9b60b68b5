package io.checkpointing.engine;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.Checkpoint;
import io.checkpointing.key.CallKey;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class MemoryTierTest {

	@TempDir
	Path directory;

	private final Shelf shelf = new Shelf();

	private FilesystemBackend backend;

	private CheckpointEngine engine(MemoryTier memory) {
		this.backend = new FilesystemBackend(this.directory);
		return CheckpointEngine.builder().backend(this.backend).memoryTier(memory).build();
	}

	@Test
	void aHitIsServedFromMemoryWhenTheBackendNoLongerHasIt() throws Throwable {
		EngineCalls calls = new EngineCalls(engine(MemoryTier.maxEntries(100)));
		assertThat(calls.call(this.shelf, "point", 7)).isEqualTo(new Point(7, "p7", 3.5));
		this.backend.clear();
		assertThat(calls.call(this.shelf, "point", 7)).isEqualTo(new Point(7, "p7", 3.5));
		assertThat(this.shelf.runs).hasValue(1);
	}

	@Test
	void withoutTheTierTheSameCallReadsTheBackend() throws Throwable {
		this.backend = new FilesystemBackend(this.directory);
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder().backend(this.backend).build());
		calls.call(this.shelf, "point", 7);
		this.backend.clear();
		calls.call(this.shelf, "point", 7);
		assertThat(this.shelf.runs).hasValue(2);
	}

	@Test
	void aCallerThatMutatesItsResultDoesNotChangeTheNextHit() throws Throwable {
		EngineCalls calls = new EngineCalls(engine(MemoryTier.maxEntries(100)));
		@SuppressWarnings("unchecked")
		List<String> first = (List<String>) calls.call(this.shelf, "names", 3);
		first.add("intruder");
		@SuppressWarnings("unchecked")
		List<String> second = (List<String>) calls.call(this.shelf, "names", 3);
		second.set(0, "changed");
		assertThat(calls.call(this.shelf, "names", 3)).isEqualTo(List.of("n0", "n1", "n2"));
		assertThat(this.shelf.runs).hasValue(1);
	}

	@Test
	void anArrayInsideARecordIsNotShared() throws Throwable {
		EngineCalls calls = new EngineCalls(engine(MemoryTier.maxEntries(100)));
		Series first = (Series) calls.call(this.shelf, "series", 4);
		first.values()[0] = 99;
		Series second = (Series) calls.call(this.shelf, "series", 4);
		assertThat(second.values()).containsExactly(0, 1, 2, 3);
		assertThat(second).isNotSameAs(first);
	}

	@Test
	void aResultNoCallerCanChangeIsHandedOutAsItIs() throws Throwable {
		EngineCalls calls = new EngineCalls(engine(MemoryTier.maxEntries(100)));
		Object first = calls.call(this.shelf, "point", 1);
		assertThat(calls.call(this.shelf, "point", 1)).isSameAs(first);
	}

	@Test
	void sharingResultsHandsOutEveryResultAsItIs() throws Throwable {
		EngineCalls calls = new EngineCalls(engine(MemoryTier.maxEntries(100).sharingResults()));
		Object first = calls.call(this.shelf, "names", 2);
		assertThat(calls.call(this.shelf, "names", 2)).isSameAs(first);
	}

	@Test
	void aChangedFieldTheMethodReadsStillMisses() throws Throwable {
		EngineCalls calls = new EngineCalls(engine(MemoryTier.maxEntries(100)));
		assertThat(calls.call(this.shelf, "scaled", 2)).isEqualTo(20);
		this.shelf.factor = 11;
		assertThat(calls.call(this.shelf, "scaled", 2)).isEqualTo(22);
		assertThat(this.shelf.runs).hasValue(2);
	}

	@Test
	void equalArgumentsOfAnotherTypeAreAnotherCall() throws Throwable {
		EngineCalls calls = new EngineCalls(engine(MemoryTier.maxEntries(100)));
		assertThat(calls.call(this.shelf, "echo", 1)).isEqualTo("java.lang.Integer 1");
		assertThat(calls.call(this.shelf, "echo", 1L)).isEqualTo("java.lang.Long 1");
		assertThat(this.shelf.runs).hasValue(2);
	}

	@Test
	void anEvictedCallIsComputedAgain() throws Throwable {
		CheckpointEngine engine = engine(MemoryTier.maxEntries(100));
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.shelf, "point", 5);
		assertThat(engine.evict(() -> uncheckedCall(calls, "point", 5))).isTrue();
		calls.call(this.shelf, "point", 5);
		assertThat(this.shelf.runs).hasValue(2);
	}

	@Test
	void aRerunReplacesWhatMemoryHolds() throws Throwable {
		CheckpointEngine engine = engine(MemoryTier.maxEntries(100));
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.shelf, "counted", 5);
		engine.rerun(() -> uncheckedCall(calls, "counted", 5));
		assertThat(calls.call(this.shelf, "counted", 5)).isEqualTo("run 2");
	}

	/**
	 * A mix-up in memory, as a bug of ours could make: the result of {@code 7} kept under the
	 * key of {@code 8}. {@code point} is held as its value, {@code names} as its entry.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "point", "names" })
	void aResultHeldUnderAnotherKeyThanItWasWrittenForIsNotServed(String method, CapturedOutput output) throws Throwable {
		MemoryTier memory = MemoryTier.maxEntries(100);
		CheckpointEngine engine = engine(memory);
		EngineCalls calls = new EngineCalls(engine);
		Object sevens = calls.call(this.shelf, method, 7);
		CallKey seven = newlyStoredKey(engine, Set.of());
		Object eight = calls.call(this.shelf, method, 8);
		CallKey eightsKey = newlyStoredKey(engine, Set.of(seven));
		ByteBuffer sevensEntry = this.backend.read(seven).orElseThrow();
		memory.clear();
		memory.put(eightsKey, null, sevens, sevensEntry, EntryFormat.decode(sevensEntry, seven).header());
		assertThat(calls.call(this.shelf, method, 8)).isEqualTo(eight);
		assertThat(this.shelf.runs).as("read from the store, not run").hasValue(2);
		assertThat(engine.statistics().of("Shelf#" + method).errors()).isEqualTo(1);
		assertThat(output).contains("A result of Shelf#" + method + " held in memory is unusable and was dropped: the memory"
				+ " tier held it under another key than it was written for");
		this.backend.clear();
		assertThat(calls.call(this.shelf, method, 8)).as("now held under its own key").isEqualTo(eight);
		assertThat(this.shelf.runs).hasValue(2);
	}

	/** @return the one stored key that is not among the known ones */
	private static CallKey newlyStoredKey(CheckpointEngine engine, Set<CallKey> known) {
		List<CallKey> added = engine.administration().entries().stream().map(StoredEntry::key).filter((key) -> !known.contains(key)).toList();
		assertThat(added).hasSize(1);
		return added.get(0);
	}

	/**
	 * {@code pure} reads no field, so it is found by argument equality; {@code scaled} reads
	 * fields, so only by its call key. Each result counts once against the bound, however it is
	 * found.
	 */
	@Test
	void aTierOfTenEntriesHoldsTenResultsWhicheverWayTheyAreFound() throws Throwable {
		MemoryTier memory = MemoryTier.maxEntries(10);
		CheckpointEngine engine = engine(memory);
		EngineCalls calls = new EngineCalls(engine);
		for (int i = 0; i < 5; i++) {
			calls.call(this.shelf, "pure", i);
			calls.call(this.shelf, "scaled", i);
		}
		assertThat(memory.weighedAgainstBound()).isEqualTo(10);
		this.backend.clear();
		for (int i = 0; i < 5; i++) {
			assertThat(calls.call(this.shelf, "pure", i)).isEqualTo(new Point(i, "p" + i, i / 2.0));
			assertThat(calls.call(this.shelf, "scaled", i)).isEqualTo(i * 10);
		}
		assertThat(engine.statistics().of("Shelf#pure").hits()).as("served from memory").isEqualTo(5);
		assertThat(engine.statistics().of("Shelf#scaled").hits()).as("served from memory").isEqualTo(5);
	}

	@Test
	void aResultFoundByItsArgumentsCountsOnceAgainstTheBound() throws Throwable {
		MemoryTier memory = MemoryTier.maxEntries(100);
		CheckpointEngine engine = engine(memory);
		EngineCalls calls = new EngineCalls(engine);
		for (int id = 0; id < 10; id++) {
			calls.call(this.shelf, "pure", id);
			calls.call(this.shelf, "pure", id);
		}
		assertThat(engine.statistics().of("Shelf#pure").hits()).isEqualTo(10);
		assertThat(memory.weighedAgainstBound()).isEqualTo(10);
	}

	@Test
	void aTierBoundedByBytesCountsEachResultsEntryOnce() throws Throwable {
		MemoryTier memory = MemoryTier.maxBytes(1_000_000);
		CheckpointEngine engine = engine(memory);
		new EngineCalls(engine).call(this.shelf, "pure", 1);
		long entryBytes = this.backend.read(newlyStoredKey(engine, Set.of())).orElseThrow().remaining();
		assertThat(memory.weighedAgainstBound()).isEqualTo(entryBytes + 64);
	}

	@Test
	void aTierHoldsNoMoreThanItsBound() throws Throwable {
		MemoryTier memory = MemoryTier.maxEntries(10);
		EngineCalls calls = new EngineCalls(engine(memory));
		for (int id = 0; id < 25; id++) {
			calls.call(this.shelf, "pure", id);
			calls.call(this.shelf, "names", id);
		}
		assertThat(memory.weighedAgainstBound()).isEqualTo(10);
	}

	@Test
	void boundsAreValidated() {
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryTier.maxEntries(0)).withMessageContaining("maxEntries");
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryTier.maxBytes(-1)).withMessageContaining("maxBytes");
	}

	private Object uncheckedCall(EngineCalls calls, String name, Object... arguments) {
		try {
			return calls.call(this.shelf, name, arguments);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	public record Point(int id, String name, double x) {
	}

	public record Series(String name, int[] values) {
	}

	/** Checkpointed methods with immutable, mutable and state-dependent results. */
	public static class Shelf {

		final AtomicInteger runs = new AtomicInteger();

		int factor = 10;

		@Checkpoint
		public Point point(int id) {
			this.runs.incrementAndGet();
			return new Point(id, "p" + id, id / 2.0);
		}

		/** Reads no field, so its calls are keyed, and found in memory, by their arguments alone. */
		@Checkpoint
		public Point pure(int id) {
			return new Point(id, "p" + id, id / 2.0);
		}

		@Checkpoint
		public List<String> names(int count) {
			this.runs.incrementAndGet();
			List<String> names = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				names.add("n" + i);
			}
			return names;
		}

		@Checkpoint
		public Series series(int count) {
			this.runs.incrementAndGet();
			int[] values = new int[count];
			for (int i = 0; i < count; i++) {
				values[i] = i;
			}
			return new Series("s", values);
		}

		@Checkpoint
		public int scaled(int value) {
			this.runs.incrementAndGet();
			return value * this.factor;
		}

		@Checkpoint
		public String echo(Object value) {
			this.runs.incrementAndGet();
			return value.getClass().getName() + " " + value;
		}

		@Checkpoint
		public String counted(int value) {
			return "run " + this.runs.incrementAndGet();
		}

	}

}
