package io.checkpointing.spring.observation;

import java.nio.file.Path;
import java.util.List;

import io.checkpointing.Checkpoint;
import io.checkpointing.Checkpoints;
import io.checkpointing.engine.CallObserver;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import io.checkpointing.spring.autoconfigure.CheckpointingMetricsAutoConfiguration;
import io.checkpointing.spring.autoconfigure.CheckpointingObservationAutoConfiguration;
import io.checkpointing.spring.metrics.CheckpointingMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each checkpointed call is an observation {@code checkpointing.call} with its stages as children,
 * checked with Micrometer's test registry (which also checks that every observation is started,
 * scoped and stopped properly); the meters keep counting beside them. One context for the class.
 */
class CheckpointObservationsTest {

	@TempDir
	static Path directory;

	@Test
	void aMissThenAHitAreObservedWithTheirStagesAndTheMetersKeepCounting() {
		runner().run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			Traced traced = context.getBean(Traced.class);
			assertThat(traced.square(3)).isEqualTo(9);
			assertThat(traced.square(3)).isEqualTo(9);
			assertThat(observations).hasHandledContextsThatSatisfy((contexts) -> {
				List<Observation.Context> calls = named(contexts, "checkpointing.call");
				assertThat(calls).hasSize(2);
				assertThat(calls).allSatisfy((call) -> {
					assertThat(call.getLowCardinalityKeyValue("method").getValue()).isEqualTo("Traced#square");
					assertThat(call.getContextualName()).isEqualTo("checkpoint Traced#square");
					assertThat(call.getHighCardinalityKeyValue("key").getValue()).hasSize(12).isHexadecimal();
				});
				assertThat(calls).extracting((call) -> call.getLowCardinalityKeyValue("result").getValue())
					.containsExactly("miss", "hit");
				assertThat(calls.get(0).getHighCardinalityKeyValue("key").getValue())
					.isEqualTo(calls.get(1).getHighCardinalityKeyValue("key").getValue());
				assertThat(named(contexts, "checkpointing.call.compute")).singleElement()
					.satisfies((stage) -> assertThat(stage.getParentObservation().getContextView()).isSameAs(calls.get(0)));
				assertThat(named(contexts, "checkpointing.call.store")).singleElement()
					.satisfies((stage) -> assertThat(stage.getParentObservation().getContextView()).isSameAs(calls.get(0)));
				assertThat(named(contexts, "checkpointing.call.load")).as("a miss looks twice, a hit once")
					.allSatisfy((stage) -> assertThat(stage.getParentObservation().getContextView()).isIn(calls))
					.anySatisfy((stage) -> assertThat(stage.getParentObservation().getContextView()).isSameAs(calls.get(1)));
				assertThat(named(contexts, "inner.work")).singleElement()
					.as("what the method observes is a child of its compute stage")
					.satisfies((inner) -> assertThat(inner.getParentObservation().getContextView().getName())
						.isEqualTo("checkpointing.call.compute"));
			});
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(CheckpointingMeters.CALLS).tag("method", "Traced#square").tag("result", "hit").counter()
				.count()).isOne();
			assertThat(meters.get(CheckpointingMeters.CALLS).tag("method", "Traced#square").tag("result", "miss").counter()
				.count()).isOne();
		});
	}

	@Test
	void aBypassAndAMethodThatThrowsAreObservedAsSuch() {
		runner().run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			Traced traced = context.getBean(Traced.class);
			context.getBean(Checkpoints.class).bypass(() -> traced.square(4));
			try {
				traced.fail(1);
			}
			catch (IllegalStateException expected) {
				// observed below
			}
			assertThat(observations).hasHandledContextsThatSatisfy((contexts) -> {
				List<Observation.Context> calls = named(contexts, "checkpointing.call");
				assertThat(calls).extracting((call) -> call.getLowCardinalityKeyValue("result").getValue())
					.containsExactly("bypass", "miss");
				assertThat(calls.get(1).getError()).isInstanceOf(IllegalStateException.class).hasMessage("no");
			});
		});
	}

	@Test
	void aCallWhoseCheckpointingFailedIsAnErrorThoughItThenRanWithoutTheStore() {
		runner().run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			Traced traced = context.getBean(Traced.class);
			assertThat(traced.unsure(5)).isEqualTo(5);
			assertThat(observations).hasHandledContextsThatSatisfy((contexts) -> {
				List<Observation.Context> calls = named(contexts, "checkpointing.call");
				assertThat(calls).extracting((call) -> call.getLowCardinalityKeyValue("result").getValue())
					.as("the condition could not be evaluated (error), so the method ran without the store (bypass)")
					.containsExactly("error");
				assertThat(calls.get(0).getError()).as("the method itself did not fail").isNull();
			});
			assertThat(context.getBean(MeterRegistry.class).get(CheckpointingMeters.CALLS).tag("method", "Traced#unsure")
				.tag("result", "error").counter().count()).isOne();
		});
	}

	@Test
	void withoutAnObservationRegistryCallsAreNotObservedAndStillCounted() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class,
					CheckpointingMetricsAutoConfiguration.class, CheckpointingObservationAutoConfiguration.class))
			.withPropertyValues("checkpointing.backend=memory")
			.withBean(SimpleMeterRegistry.class)
			.withBean(Traced.class, () -> new Traced(ObservationRegistry.NOOP))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(CallObserver.class);
				Traced traced = context.getBean(Traced.class);
				assertThat(traced.square(7)).isEqualTo(49);
				assertThat(traced.square(7)).isEqualTo(49);
				assertThat(context.getBean(MeterRegistry.class).get(CheckpointingMeters.CALLS)
					.tag("method", "Traced#square").tag("result", "hit").counter().count()).isOne();
			});
	}

	private static List<Observation.Context> named(List<Observation.Context> contexts, String name) {
		return contexts.stream().filter((context) -> context.getName().equals(name)).toList();
	}

	private static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class,
					CheckpointingMetricsAutoConfiguration.class, CheckpointingObservationAutoConfiguration.class))
			.withPropertyValues("checkpointing.backend=memory", "checkpointing.directory=" + directory)
			.withUserConfiguration(TracedConfiguration.class);
	}

	/** A bean whose checkpointed method makes an observation of its own, as a traced client would. */
	public static class Traced {

		private final ObservationRegistry registry;

		Traced(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Checkpoint
		public int square(int value) {
			return Observation.createNotStarted("inner.work", this.registry).observe(() -> value * value);
		}

		@Checkpoint(condition = "#missing.length() > 0")
		public int unsure(int value) {
			return value;
		}

		@Checkpoint
		public int fail(int value) {
			throw new IllegalStateException("no");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TracedConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Traced traced(ObservationRegistry registry) {
			return new Traced(registry);
		}

	}

}
