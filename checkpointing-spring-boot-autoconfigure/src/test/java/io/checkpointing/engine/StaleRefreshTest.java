package io.checkpointing.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import io.checkpointing.Checkpoint;
import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.store.MemoryBackend;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code refreshAfter}: an entry older than that is returned at once and recomputed in the
 * background, once per key. Refreshes run on an executor that queues them, so the test decides
 * when they run; two engines on one store stand for two processes.
 */
class StaleRefreshTest {

	private final SharedStoreLockTest.LockingStore store = new SharedStoreLockTest.LockingStore(new MemoryBackend());

	private final Queue<Runnable> refreshes = new ConcurrentLinkedQueue<>();

	private final Executor queued = this.refreshes::add;

	private final Quotes quotes = new Quotes();

	/** What the feed the key cannot see says now: the remote price a refresh picks up. */
	private final AtomicInteger price = new AtomicInteger(100);

	private final IntSupplier feed = this.price::get;

	private EngineCalls calls(OnError onError) {
		return new EngineCalls(
				CheckpointEngine.builder().backend(this.store).onError(onError).refreshExecutor(this.queued).build());
	}

	@Test
	void aFreshEntryIsAPlainHit() throws Throwable {
		EngineCalls calls = calls(OnError.RAISE);
		calls.call(this.quotes, "steady", "tea", this.feed);
		this.price.set(120);
		assertThat(calls.call(this.quotes, "steady", "tea", this.feed)).isEqualTo(100);
		assertThat(this.refreshes).isEmpty();
		assertThat(this.quotes.runs).hasValue(1);
	}

	@Test
	void aStaleEntryIsReturnedAtOnceAndReplacedInTheBackground() throws Throwable {
		EngineCalls calls = calls(OnError.RAISE);
		assertThat(calls.call(this.quotes, "quote", "tea", this.feed)).isEqualTo(100);
		this.price.set(120);
		ageBeyondRefreshAfter();
		assertThat(calls.call(this.quotes, "quote", "tea", this.feed)).as("the stale result, at once").isEqualTo(100);
		assertThat(this.quotes.runs).as("the caller did not run the method").hasValue(1);
		assertThat(this.refreshes).hasSize(1);
		runRefreshes();
		assertThat(this.quotes.runs).hasValue(2);
		assertThat(calls.call(this.quotes, "quote", "tea", this.feed)).as("the refreshed result").isEqualTo(120);
	}

	@Test
	void manyStaleHitsOfOneKeyRefreshItOnce() throws Throwable {
		EngineCalls calls = calls(OnError.RAISE);
		calls.call(this.quotes, "quote", "tea", this.feed);
		calls.call(this.quotes, "quote", "coffee", this.feed);
		ageBeyondRefreshAfter();
		for (int i = 0; i < 5; i++) {
			calls.call(this.quotes, "quote", "tea", this.feed);
			calls.call(this.quotes, "quote", "coffee", this.feed);
		}
		assertThat(this.refreshes).as("one per key").hasSize(2);
		runRefreshes();
		assertThat(this.quotes.runs).hasValue(4);
	}

	@Test
	void aKeyLockedByAnotherProcessIsLeftToIt() throws Throwable {
		EngineCalls calls = calls(OnError.RAISE);
		calls.call(this.quotes, "quote", "tea", this.feed);
		ageBeyondRefreshAfter();
		calls.call(this.quotes, "quote", "tea", this.feed);
		// Another process holds the key's lock: it computes or refreshes the key.
		assertThat(this.store.held.compareAndSet(false, true)).isTrue();
		runRefreshes();
		assertThat(this.quotes.runs).hasValue(1);
		this.store.held.set(false);
		this.price.set(130);
		assertThat(calls.call(this.quotes, "quote", "tea", this.feed)).as("still stale, so refreshed later").isEqualTo(100);
		runRefreshes();
		assertThat(calls.call(this.quotes, "quote", "tea", this.feed)).isEqualTo(130);
	}

	@Test
	void anEntryAnotherProcessRefreshedMeanwhileIsNotRefreshedAgain() throws Throwable {
		EngineCalls here = calls(OnError.RAISE);
		EngineCalls elsewhere = calls(OnError.RAISE);
		here.call(this.quotes, "quote", "tea", this.feed);
		ageBeyondRefreshAfter();
		here.call(this.quotes, "quote", "tea", this.feed);
		Runnable ourRefresh = this.refreshes.remove();
		elsewhere.call(this.quotes, "quote", "tea", this.feed);
		runRefreshes();
		assertThat(this.quotes.runs).as("the other process refreshed it").hasValue(2);
		ourRefresh.run();
		assertThat(this.quotes.runs).as("found fresh under the lock: not run again").hasValue(2);
	}

	@Test
	void aFailedRefreshKeepsTheStaleEntryAndIsReportedEvenUnderRaise() throws Throwable {
		List<String> errors = new CopyOnWriteArrayList<>();
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder()
			.backend(this.store)
			.onError(OnError.RAISE)
			.refreshExecutor(this.queued)
			.listener(new CheckpointListener() {

				@Override
				public void error(String method, Exception failure) {
					errors.add(method + ": " + failure.getMessage());
				}

			})
			.build());
		calls.call(this.quotes, "quote", "tea", this.feed);
		ageBeyondRefreshAfter();
		IntSupplier broken = () -> {
			throw new IllegalStateException("feed down");
		};
		assertThat(calls.call(this.quotes, "quote", "tea", broken)).isEqualTo(100);
		runRefreshes();
		assertThat(errors).containsExactly("Quotes#quote: Refreshing a stale entry of Quotes#quote in the background"
				+ " failed: java.lang.IllegalStateException: feed down");
		this.price.set(140);
		assertThat(calls.call(this.quotes, "quote", "tea", this.feed)).as("the stale entry is kept").isEqualTo(100);
		runRefreshes();
		assertThat(calls.call(this.quotes, "quote", "tea", this.feed)).as("the next refresh succeeds").isEqualTo(140);
	}

	@Test
	void refreshAfterMustBeShorterThanTheTimeToLive() {
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls(OnError.RAISE).call(this.quotes, "misconfigured", 1))
			.withMessage("Cannot checkpoint Quotes#misconfigured: refreshAfter (PT1H) must be shorter than ttl (PT1H): an"
					+ " entry would expire before it is refreshed. Shorten refreshAfter, or lengthen ttl.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CheckpointEngine.builder().timeToLive(Duration.ofMinutes(5)).refreshAfter(Duration.ofHours(1)).build())
			.withMessageStartingWith("refreshAfter (PT1H) must be shorter than timeToLive (PT5M)");
	}

	@Test
	void refreshAfterIsRefusedForAMonoWhichNoBackgroundRefreshWouldSubscribeTo() {
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls(OnError.RAISE).call(this.quotes, "lazily", 1))
			.withMessageStartingWith("Cannot checkpoint Quotes#lazily: refreshAfter is not supported for a method"
					+ " returning a Mono");
	}

	@Test
	void anArgumentChangedAfterTheHitIsNotRefreshedUnderTheFormerKey() throws Throwable {
		EngineCalls calls = calls(OnError.RAISE);
		List<String> basket = new ArrayList<>(List.of("tea"));
		assertThat(calls.call(this.quotes, "basket", basket, this.feed)).isEqualTo(100);
		ageBeyondRefreshAfter();
		this.price.set(140);
		assertThat(calls.call(this.quotes, "basket", basket, this.feed)).as("stale, refresh queued").isEqualTo(100);
		basket.add("milk");
		runRefreshes();
		assertThat(calls.call(this.quotes, "basket", List.of("tea"), this.feed))
			.as("not replaced by what the changed basket computes").isEqualTo(100);
	}

	@Test
	void aStaleResultHeldInMemoryIsRefreshedAndCountedAsOneHit() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder()
			.backend(this.store)
			.memoryTier(MemoryTier.maxEntries(100))
			.refreshExecutor(this.queued)
			.build();
		EngineCalls calls = new EngineCalls(engine);
		// Reads no field: found in memory by its arguments alone.
		calls.call(this.quotes, "listed", "tea", this.feed);
		ageBeyondRefreshAfter();
		this.price.set(140);
		assertThat(calls.call(this.quotes, "listed", "tea", this.feed)).isEqualTo(100);
		assertThat(engine.statistics().of("Quotes#listed").hits()).isEqualTo(1);
		assertThat(this.refreshes).hasSize(1);
		runRefreshes();
		assertThat(calls.call(this.quotes, "listed", "tea", this.feed)).isEqualTo(140);
	}

	@Test
	void theBuilderDefaultAppliesToMethodsWithoutTheirOwn() throws Throwable {
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder()
			.backend(this.store)
			.refreshAfter(Duration.ofMillis(1))
			.refreshExecutor(this.queued)
			.build());
		calls.call(this.quotes, "plain", "tea", this.feed);
		ageBeyondRefreshAfter();
		calls.call(this.quotes, "plain", "tea", this.feed);
		assertThat(this.refreshes).hasSize(1);
	}

	@Test
	void closingTheEngineLetsARefreshUnderWayFinishOnItsOwnThreadsAndStartsNoOther() throws Throwable {
		List<String> errors = new CopyOnWriteArrayList<>();
		CountDownLatch stored = new CountDownLatch(2);
		// No refreshExecutor: the engine's own threads, which closing it stops.
		CheckpointEngine engine = CheckpointEngine.builder().backend(this.store).listener(new CheckpointListener() {

			@Override
			public void stored(String method, long nanos) {
				stored.countDown();
			}

			@Override
			public void error(String method, Exception failure) {
				errors.add(failure.getMessage());
			}

		}).build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.quotes, "quote", "tea", this.feed);
		ageBeyondRefreshAfter();
		CountDownLatch refreshing = new CountDownLatch(1);
		CountDownLatch closed = new CountDownLatch(1);
		IntSupplier waitsForTheClose = () -> {
			refreshing.countDown();
			await(closed);
			return 120;
		};
		assertThat(calls.call(this.quotes, "quote", "tea", waitsForTheClose)).isEqualTo(100);
		await(refreshing);
		engine.close();
		closed.countDown();
		await(stored);
		this.price.set(140);
		// The refresh under way is stored before its task ends; until then a stale hit starts no other.
		for (int attempt = 0; attempt < 500 && errors.isEmpty(); attempt++) {
			assertThat(calls.call(this.quotes, "quote", "tea", this.feed)).as("the refresh under way was stored")
				.isEqualTo(120);
			Thread.sleep(10);
		}
		assertThat(this.quotes.runs).as("no refresh after the close").hasValue(2);
		assertThat(errors).singleElement(InstanceOfAssertFactories.STRING)
			.startsWith("Refreshing a stale entry of Quotes#quote in the background failed")
			.contains("RejectedExecutionException");
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(1, TimeUnit.MINUTES)).as("waited for the refresh").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void runRefreshes() {
		Runnable refresh;
		while ((refresh = this.refreshes.poll()) != null) {
			refresh.run();
		}
	}

	/** The entries were stored at least this long ago: more than the 1 ms of refreshAfter. */
	private static void ageBeyondRefreshAfter() throws InterruptedException {
		Thread.sleep(5);
	}

	public static class Quotes {

		final AtomicInteger runs = new AtomicInteger();

		@Checkpoint(refreshAfter = "1ms")
		public int quote(String item, @Checkpoint.Ignore IntSupplier feed) {
			this.runs.incrementAndGet();
			return feed.getAsInt();
		}

		@Checkpoint(refreshAfter = "1h")
		public int steady(String item, @Checkpoint.Ignore IntSupplier feed) {
			this.runs.incrementAndGet();
			return feed.getAsInt();
		}

		@Checkpoint
		public int plain(String item, @Checkpoint.Ignore IntSupplier feed) {
			this.runs.incrementAndGet();
			return feed.getAsInt();
		}

		@Checkpoint(refreshAfter = "1h", ttl = "1h")
		public int misconfigured(int value) {
			return value;
		}

		@Checkpoint(refreshAfter = "1ms")
		public int listed(String item, @Checkpoint.Ignore IntSupplier feed) {
			return feed.getAsInt();
		}

		@Checkpoint(refreshAfter = "1h")
		public Mono<Integer> lazily(int value) {
			return Mono.just(value);
		}

		@Checkpoint(refreshAfter = "1ms")
		public int basket(List<String> items, @Checkpoint.Ignore IntSupplier feed) {
			this.runs.incrementAndGet();
			return feed.getAsInt() * items.size();
		}

	}

}
