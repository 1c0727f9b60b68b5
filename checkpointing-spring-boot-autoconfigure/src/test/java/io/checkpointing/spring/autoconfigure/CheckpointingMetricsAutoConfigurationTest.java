package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;

import io.checkpointing.engine.CheckpointListener;
import io.checkpointing.spring.metrics.CheckpointingMeters;
import io.checkpointing.spring.metrics.MicrometerCheckpointListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointingMetricsAutoConfigurationTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class,
					CheckpointingMetricsAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory)
			.withUserConfiguration(Work.WorkConfiguration.class);
	}

	@Test
	void aHitAndAMissAreCountedByMethodAndResult() {
		runner().withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			Work work = context.getBean(Work.class);
			work.square(3);
			work.square(3);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(calls(registry, "hit")).isEqualTo(1);
			assertThat(calls(registry, "miss")).isEqualTo(1);
			assertThat(calls(registry, "rerun")).isZero();
			assertThat(calls(registry, "error")).isZero();
			assertThat(registry.get(CheckpointingMeters.COMPUTE).tag("method", "Work#square").timer().count())
				.isEqualTo(1);
			assertThat(registry.get(CheckpointingMeters.STORE).tag("method", "Work#square").timer().count())
				.isEqualTo(1);
			assertThat(registry.get(CheckpointingMeters.LOAD).tag("method", "Work#square").timer().count())
				.isEqualTo(1);
		});
	}

	@Test
	void aHitAddsTheSavedComputeTimeInSeconds() {
		runner().withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			Work work = context.getBean(Work.class);
			work.slow(1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(timeSaved(registry)).isZero();
			work.slow(1);
			assertThat(timeSaved(registry)).isGreaterThanOrEqualTo(0.02).isLessThan(5);
			assertThat(registry.get(CheckpointingMeters.TIME_SAVED).counter().getId().getBaseUnit())
				.isEqualTo("seconds");
		});
	}

	@Test
	void reachesTheEngineThroughBootsOwnRegistryAutoConfiguration() {
		runner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerCheckpointListener.class);
				Work work = context.getBean(Work.class);
				work.square(4);
				work.square(4);
				assertThat(calls(context.getBean(MeterRegistry.class), "hit")).isEqualTo(1);
			});
	}

	@Test
	void withoutAMeterRegistryThereIsNoListener() {
		runner().run((context) -> {
			assertThat(context).doesNotHaveBean(CheckpointListener.class);
			Work work = context.getBean(Work.class);
			work.square(5);
			assertThat(work.square(5)).isEqualTo(25);
		});
	}

	@Test
	void metricsSwitchedOffRecordNothingAlthoughThereIsARegistry() {
		runner().withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("checkpointing.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(MeterRegistry.class).doesNotHaveBean(CheckpointListener.class);
				context.getBean(Work.class).square(7);
				assertThat(context.getBean(MeterRegistry.class).find(CheckpointingMeters.CALLS).meters()).isEmpty();
			});
	}

	@Test
	void withoutMicrometerThereIsNoListener() {
		runner().withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CheckpointListener.class);
			assertThat(context.getBean(Work.class).square(6)).isEqualTo(36);
		});
	}

	private static double calls(MeterRegistry registry, String result) {
		return registry.get(CheckpointingMeters.CALLS).tag("method", "Work#square").tag("result", result).counter().count();
	}

	private static double timeSaved(MeterRegistry registry) {
		return registry.get(CheckpointingMeters.TIME_SAVED).tag("method", "Work#slow").counter().count();
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
