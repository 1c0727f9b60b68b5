package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.CheckpointException;
import io.checkpointing.Checkpoints;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code Checkpoints.get} returns what is stored without running; {@code bypass} runs without the store. */
class GetAndBypassTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory)
			.withUserConfiguration(Work.WorkConfiguration.class, TotalsConfiguration.class);
	}

	@Test
	void getReturnsTheStoredResultWithoutRunningTheMethod() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			Checkpoints checkpoints = context.getBean(Checkpoints.class);
			assertThat(work.square(3)).isEqualTo(9);
			assertThat(checkpoints.get(() -> work.square(3))).isEqualTo(9);
			assertThat(work.runs()).isOne();
		});
	}

	@Test
	void getOfACallWithNothingStoredThrowsNamingTheMethodAndTheCall() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			Checkpoints checkpoints = context.getBean(Checkpoints.class);
			work.square(3);
			assertThatExceptionOfType(CheckpointException.class).isThrownBy(() -> checkpoints.get(() -> work.square(4)))
				.withMessageStartingWith("get(...): nothing is stored for Work#square(value=4) under ");
			assertThat(work.runs()).as("get never runs the method").isOne();
		});
	}

	@Test
	void getIsNeverStaleWhenTheStateTheMethodReadsChanged() {
		runner().run((context) -> {
			Totals totals = context.getBean(Totals.class);
			Checkpoints checkpoints = context.getBean(Checkpoints.class);
			assertThat(totals.scaled(5)).isEqualTo(10);
			totals.setFactor(3);
			assertThatExceptionOfType(CheckpointException.class).isThrownBy(() -> checkpoints.get(() -> totals.scaled(5)))
				.withMessageContaining("Totals#scaled(value=5)");
			assertThat(totals.scaled(5)).isEqualTo(15);
			assertThat(checkpoints.get(() -> totals.scaled(5))).isEqualTo(15);
		});
	}

	@Test
	void getOfALambdaWithoutACheckpointedCallIsRefused() {
		runner().run((context) -> assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> context.getBean(Checkpoints.class).get(() -> 42))
			.withMessageStartingWith("get(...) saw no checkpointed call"));
	}

	@Test
	void getReturnsAStoredFutureAsTheMethodWouldAndAnExpiredEntryIsNothingStored() {
		runner().run((context) -> {
			Totals totals = context.getBean(Totals.class);
			Checkpoints checkpoints = context.getBean(Checkpoints.class);
			assertThat(totals.later(4).join()).isEqualTo(40);
			CompletableFuture<Integer> stored = checkpoints.get(() -> totals.later(4));
			assertThat(stored).isCompletedWithValue(40);
			assertThat(totals.brief(2)).isEqualTo(2);
			Thread.sleep(5);
			assertThatExceptionOfType(CheckpointException.class).isThrownBy(() -> checkpoints.get(() -> totals.brief(2)))
				.as("older than its ttl: a miss for a call, so nothing for get")
				.withMessageStartingWith("get(...): nothing is stored for Totals#brief(value=2)");
			assertThat(totals.runs()).as("get ran neither").isEqualTo(2);
		});
	}

	@Test
	void bypassRunsTheMethodWithoutReadingOrWritingTheStore() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			Checkpoints checkpoints = context.getBean(Checkpoints.class);
			assertThat(checkpoints.bypass(() -> work.square(6))).isEqualTo(36);
			assertThat(entriesOf(context, "Work#square")).as("nothing written").isZero();
			work.square(6);
			assertThat(work.runs()).isEqualTo(2);
			assertThat(checkpoints.bypass(() -> work.square(6))).isEqualTo(36);
			assertThat(work.runs()).as("what is stored is not read").isEqualTo(3);
			work.square(6);
			assertThat(work.runs()).isEqualTo(3);
		});
	}

	@Test
	void checkpointedCallsInsideABypassedBodyUseTheStore() {
		runner().run((context) -> {
			Totals totals = context.getBean(Totals.class);
			Work work = context.getBean(Work.class);
			Checkpoints checkpoints = context.getBean(Checkpoints.class);
			assertThat(checkpoints.bypass(() -> totals.sumOfSquares(4))).isEqualTo(30);
			assertThat(checkpoints.bypass(() -> totals.sumOfSquares(4))).isEqualTo(30);
			assertThat(totals.runs()).isEqualTo(2);
			assertThat(work.runs()).as("each square ran once and was stored").isEqualTo(4);
			assertThat(entriesOf(context, "Totals#sumOfSquares")).isZero();
		});
	}

	private static long entriesOf(ApplicationContext context, String method) throws Exception {
		try (Stream<StoredEntry> entries = context.getBean(CacheBackend.class).list()) {
			return entries.filter((entry) -> entry.header().methodName().equals(method)).count();
		}
	}

	/** Checkpointed methods that read a field and call another bean's checkpointed method. */
	public static class Totals {

		private final Work work;

		private final AtomicInteger runs = new AtomicInteger();

		private int factor = 2;

		Totals(Work work) {
			this.work = work;
		}

		public int runs() {
			return this.runs.get();
		}

		public void setFactor(int factor) {
			this.factor = factor;
		}

		@Checkpoint
		public int scaled(int value) {
			return value * this.factor;
		}

		@Checkpoint
		public CompletableFuture<Integer> later(int value) {
			this.runs.incrementAndGet();
			return CompletableFuture.completedFuture(value * 10);
		}

		@Checkpoint(ttl = "1ms")
		public int brief(int value) {
			this.runs.incrementAndGet();
			return value;
		}

		@Checkpoint
		public int sumOfSquares(int count) {
			this.runs.incrementAndGet();
			int sum = 0;
			for (int i = 1; i <= count; i++) {
				sum += this.work.square(i);
			}
			return sum;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TotalsConfiguration {

		@Bean
		Totals totals(Work work) {
			return new Totals(work);
		}

	}

}
