package io.checkpointing.spring.autoconfigure;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.checkpointing.services.LocalRedisCluster;
import io.checkpointing.services.LocalRedisExtension;
import io.checkpointing.services.LocalRedisSentinel;
import io.checkpointing.services.SharedServices;
import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code checkpointing.backend=redis} on a Redis Cluster and behind a Sentinel, configured the
 * Spring Boot way ({@code spring.data.redis.cluster.*}, {@code spring.data.redis.sentinel.*}).
 */
@Tag("services")
@ExtendWith(LocalRedisExtension.class)
class RedisClusterAndSentinelAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
				CheckpointingAutoConfiguration.class))
		.withUserConfiguration(Work.WorkConfiguration.class);

	@Test
	void aClusterConfiguredBySpringBootStoresOnEveryMasterAndListsAndClearsThemAll(LocalRedisCluster cluster) {
		String prefix = SharedServices.uniqueName("boot-cluster") + ":";
		this.runner.withPropertyValues("checkpointing.backend=redis", "spring.data.redis.cluster.nodes=" + cluster.nodes(),
				"checkpointing.redis.key-prefix=" + prefix)
			.run((context) -> {
				RedisBackend backend = context.getBean(RedisBackend.class);
				try {
					Work work = context.getBean(Work.class);
					IntStream.range(0, 30).forEach(work::square);
					IntStream.range(0, 30).forEach(work::square);
					assertThat(work.runs()).as("each square computed once").isEqualTo(30);
					try (Stream<StoredEntry> entries = backend.list()) {
						assertThat(entries).hasSize(30);
					}
				}
				finally {
					backend.clear();
				}
				try (Stream<StoredEntry> entries = backend.list()) {
					assertThat(entries).isEmpty();
				}
			});
	}

	@Test
	void aMasterFoundThroughASentinelConfiguredBySpringBootHoldsTheEntries(LocalRedisSentinel sentinel) {
		String prefix = SharedServices.uniqueName("boot-sentinel") + ":";
		this.runner.withPropertyValues("checkpointing.backend=redis",
				"spring.data.redis.sentinel.master=" + LocalRedisSentinel.MASTER_NAME,
				"spring.data.redis.sentinel.nodes=" + sentinel.nodes(), "checkpointing.redis.key-prefix=" + prefix)
			.run((context) -> {
				assertThat(context.getBean(LettuceConnectionFactory.class).getSentinelConfiguration()).isNotNull();
				RedisBackend backend = context.getBean(RedisBackend.class);
				try {
					Work work = context.getBean(Work.class);
					assertThat(work.square(7)).isEqualTo(49);
					assertThat(work.square(7)).isEqualTo(49);
					assertThat(work.runs()).isEqualTo(1);
					try (Stream<StoredEntry> entries = backend.list()) {
						assertThat(entries).singleElement()
							.satisfies((entry) -> assertThat(entry.header().methodName()).isEqualTo("Work#square"));
					}
				}
				finally {
					backend.clear();
				}
			});
	}

}
