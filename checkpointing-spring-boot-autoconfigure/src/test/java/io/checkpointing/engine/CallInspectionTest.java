package io.checkpointing.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.checkpointing.Checkpoint;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.key.KeyComponent.Kind;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** explain, contains and evict: calls identified, never run. */
class CallInspectionTest {

	@TempDir
	Path directory;

	private CheckpointEngine engine() {
		return CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build();
	}

	@Test
	void aChangedArgumentIsNamed() throws Throwable {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		Pricing pricing = new Pricing();
		calls.call(pricing, "price", 1, "EUR");
		String explanation = engine.explain(() -> unchecked(calls, pricing, 2, "EUR"));
		assertThat(explanation).startsWith("Not stored: Pricing#price, compared with the nearest of 1 stored entries")
			.endsWith("argument 0 `quantity` changed");
		assertThat(pricing.runs.get()).as("explaining runs nothing").isEqualTo(1);
	}

	@Test
	void aChangedFieldIsNamed() throws Throwable {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		Pricing pricing = new Pricing();
		calls.call(pricing, "price", 1, "EUR");
		pricing.offset = 5;
		assertThat(engine.explain(() -> unchecked(calls, pricing, 1, "EUR"))).endsWith("field `offset` changed");
	}

	@Test
	void theLastMissOfAMethodIsExplainedAgainstTheOtherEntries() throws Throwable {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		Pricing pricing = new Pricing();
		assertThat(engine.administration().explainLastMiss("Pricing#price")).isEmpty();
		calls.call(pricing, "price", 1, "EUR");
		calls.call(pricing, "price", 1, "USD");
		assertThat(engine.administration().explainLastMiss("Pricing#price")).hasValueSatisfying(
				(explanation) -> assertThat(explanation).endsWith("argument 1 `currency` changed"));
	}

	@Test
	void aStoredCallWouldHit() throws Throwable {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		Pricing pricing = new Pricing();
		calls.call(pricing, "price", 3, "USD");
		assertThat(engine.explain(() -> unchecked(calls, pricing, 3, "USD"))).contains("the call would hit");
	}

	@Test
	void containsSaysWhetherACallIsStoredWithoutRunningIt() throws Throwable {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		Pricing pricing = new Pricing();
		assertThat(engine.contains(() -> unchecked(calls, pricing, 4, "EUR"))).isFalse();
		calls.call(pricing, "price", 4, "EUR");
		assertThat(engine.contains(() -> unchecked(calls, pricing, 4, "EUR"))).isTrue();
		assertThat(engine.contains(() -> {
			unchecked(calls, pricing, 4, "EUR");
			unchecked(calls, pricing, 5, "EUR");
		})).as("all of them must be stored").isFalse();
		assertThat(pricing.runs.get()).isEqualTo(1);
	}

	@Test
	void containsIsFalseForAnEntryALoadWouldRefuseForItsHeader() throws Throwable {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		Pricing pricing = new Pricing();
		calls.call(pricing, "price", 4, "EUR");
		CallKey four = onlyKey(engine);
		engine.administration().evictAll();
		calls.call(pricing, "price", 5, "EUR");
		CallKey five = onlyKey(engine);
		Files.createDirectories(entryFile(four).getParent());
		Files.copy(entryFile(five), entryFile(four));
		assertThat(engine.contains(() -> unchecked(calls, pricing, 4, "EUR"))).as("an entry of another key").isFalse();
		assertThat(engine.contains(() -> unchecked(calls, pricing, 5, "EUR"))).isTrue();
	}

	@Test
	void containsIsFalseForAnExpiredEntry() throws Throwable {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		ShortLived shortLived = new ShortLived();
		calls.call(shortLived, "price", 4);
		assertThat(engine.administration().entries()).hasSize(1);
		Thread.sleep(10); // beyond its time to live of 1 ms
		assertThat(engine.contains(() -> {
			try {
				calls.call(shortLived, "price", 4);
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		})).isFalse();
	}

	@Test
	void evictRemovesOneCallsResult() throws Throwable {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		Pricing pricing = new Pricing();
		calls.call(pricing, "price", 4, "EUR");
		calls.call(pricing, "price", 5, "EUR");
		assertThat(engine.evict(() -> unchecked(calls, pricing, 4, "EUR"))).isTrue();
		assertThat(engine.evict(() -> unchecked(calls, pricing, 4, "EUR"))).isFalse();
		calls.call(pricing, "price", 4, "EUR");
		calls.call(pricing, "price", 5, "EUR");
		assertThat(pricing.runs.get()).as("only the evicted call ran again").isEqualTo(3);
	}

	@Test
	void inspectingWithoutACheckpointedCallIsAnError() {
		org.assertj.core.api.Assertions.assertThatExceptionOfType(io.checkpointing.CheckpointException.class)
			.isThrownBy(() -> engine().contains(() -> {
			}))
			.withMessageContaining("contains(...) saw no checkpointed call");
	}

	@Test
	void aChangedVersionMakesEveryEarlierEntryAMissAndIsNamed() {
		List<KeyComponent> now = List.of(code("Pricing#price", 1), new KeyComponent(Kind.VERSION, "version", 2));
		StoredEntry before = entry(code("Pricing#price", 1), new KeyComponent(Kind.VERSION, "version", 3));
		assertThat(MissExplainer.explain("Pricing#price", now, List.of(before))).endsWith(": @Checkpoint(version) changed");
	}

	@Test
	void aMethodWithoutEntriesSaysSo() {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		assertThat(engine.explain(() -> unchecked(calls, new Pricing(), 3, "USD")))
			.isEqualTo("Not stored: Pricing#price has no stored entry to compare with");
	}

	@Test
	void aChangedCalleeIsNamedAndTheNearestEntryIsChosen() {
		List<KeyComponent> now = List.of(code("Pricing#price", 1), code("Rates#scale", 2), argument("0 quantity", 7));
		StoredEntry far = entry(code("Pricing#price", 9), code("Rates#scale", 9), argument("0 quantity", 8));
		StoredEntry near = entry(code("Pricing#price", 1), code("Rates#scale", 3), argument("0 quantity", 7));
		assertThat(MissExplainer.explain("Pricing#price", now, List.of(far, near)))
			.endsWith(": `Rates#scale` code changed");
	}

	@Test
	void aRenamedHelperShowsAsNewAndGone() {
		List<KeyComponent> now = List.of(code("Pricing#price", 1), code("Rates#times", 2));
		StoredEntry before = entry(code("Pricing#price", 1), code("Rates#scale", 2));
		assertThat(MissExplainer.explain("Pricing#price", now, List.of(before)))
			.endsWith("`Rates#times` code is new, `Rates#scale` code is no longer part of the key");
	}

	@Test
	void oddComponentNamesFromForeignHeadersDoNotBreakExplanations() {
		List<KeyComponent> now = List.of(argument("nospace", 1));
		StoredEntry before = entry(argument("nospace", 2));
		assertThat(MissExplainer.explain("Pricing#price", now, List.of(before))).endsWith("argument `nospace` changed");
	}

	private static KeyComponent code(String name, long hash) {
		return new KeyComponent(Kind.CODE, name, hash);
	}

	private static KeyComponent argument(String name, long hash) {
		return new KeyComponent(Kind.ARGUMENT, name, hash);
	}

	private static StoredEntry entry(KeyComponent... components) {
		return new StoredEntry(CallKey.fromHex("0".repeat(64)), 100, new EntryHeader("json", "Pricing#price",
				Instant.EPOCH, Duration.ZERO, "", 10, List.of(components)));
	}

	private static CallKey onlyKey(CheckpointEngine engine) {
		List<StoredEntry> entries = engine.administration().entries();
		assertThat(entries).hasSize(1);
		return entries.get(0).key();
	}

	private Path entryFile(CallKey key) {
		return this.directory.resolve(key.hex().substring(0, 2)).resolve(key.hex().substring(2) + ".ckpt");
	}

	private static void unchecked(EngineCalls calls, Pricing pricing, int quantity, String currency) {
		try {
			calls.call(pricing, "price", quantity, currency);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static class ShortLived {

		@Checkpoint(ttl = "1ms")
		public int price(int quantity) {
			return quantity * 2;
		}

	}

	public static class Pricing {

		int offset = 1;

		/** An AtomicInteger has no canonical form: it joins the state by its type, so counting changes no key. */
		final java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();

		@Checkpoint
		public int price(int quantity, String currency) {
			this.runs.incrementAndGet();
			return Math.multiplyExact(quantity, currency.length()) + this.offset;
		}

	}

}
