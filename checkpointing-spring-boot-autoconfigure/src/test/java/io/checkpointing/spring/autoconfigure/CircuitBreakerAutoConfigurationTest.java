package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.services.SharedServices;
import io.checkpointing.spring.actuate.CheckpointingHealthIndicator;
import io.checkpointing.spring.metrics.CheckpointingMeters;
import io.checkpointing.spring.metrics.CircuitBreakerMeters;
import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CircuitBreakingBackend;
import io.checkpointing.store.FilesystemBackend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code checkpointing.breaker.*}: a remote store gets a breaker, visible as a gauge and in health. */
class CircuitBreakerAutoConfigurationTest {

	@TempDir
	Path directory;

	private final ApplicationContextRunner redisRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
				CheckpointingAutoConfiguration.class, CheckpointingMetricsAutoConfiguration.class,
				CheckpointingHealthAutoConfiguration.class))
		.withUserConfiguration(RegistryConfiguration.class)
		.withPropertyValues("checkpointing.backend=redis", "spring.data.redis.url=" + SharedServices.redis().url(),
				"checkpointing.redis.key-prefix=" + SharedServices.uniqueName("breaker") + ":");

	@Test
	void aRemoteStoreGetsABreakerConfiguredByItsProperties() {
		this.redisRunner
			.withPropertyValues("checkpointing.breaker.failures=5", "checkpointing.breaker.initial-back-off=2s",
					"checkpointing.breaker.max-back-off=30s")
			.run((context) -> {
				CacheBackend backend = context.getBean(CheckpointEngine.class).administration().backend();
				assertThat(backend).isInstanceOf(CircuitBreakingBackend.class);
				CircuitBreakingBackend breaker = (CircuitBreakingBackend) backend;
				assertThat(breaker.delegate()).isSameAs(context.getBean(RedisBackend.class));
				assertThat(breaker.backOff()).isEqualTo(Duration.ofSeconds(2));
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(CircuitBreakerMeters.class).bindTo(registry);
				assertThat(registry.get(CheckpointingMeters.BREAKER_OPEN)
					.tag(CheckpointingMeters.STORE_TAG, breaker.location())
					.gauge()
					.value()).isZero();
				assertThat(context.getBean(CheckpointingHealthIndicator.class).health().getDetails())
					.containsEntry("breaker", "closed")
					.containsEntry("backend", "RedisBackend");
			});
	}

	@Test
	void theBreakerCanBeTurnedOff() {
		this.redisRunner.withPropertyValues("checkpointing.breaker.enabled=false")
			.run((context) -> assertThat(context.getBean(CheckpointEngine.class).administration().backend())
				.isInstanceOf(RedisBackend.class));
	}

	@Test
	void aLocalStoreHasNoBreakerAndNoGauge() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CheckpointingAutoConfiguration.class,
					CheckpointingMetricsAutoConfiguration.class))
			.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("checkpointing.directory=" + this.directory)
			.run((context) -> {
				assertThat(context.getBean(CheckpointEngine.class).administration().backend())
					.isInstanceOf(FilesystemBackend.class);
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(CircuitBreakerMeters.class).bindTo(registry);
				assertThat(registry.find(CheckpointingMeters.BREAKER_OPEN).gauge()).isNull();
			});
	}

	@Test
	void badSettingsNameTheirProperty() {
		this.redisRunner.withPropertyValues("checkpointing.breaker.failures=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.breaker.failures"));
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
