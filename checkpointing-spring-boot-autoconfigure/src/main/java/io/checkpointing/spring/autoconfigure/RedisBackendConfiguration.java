package io.checkpointing.spring.autoconfigure;

import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.spring.redis.RedisBackendBuilder;
import io.checkpointing.store.CacheBackend;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redis backend, on the application's {@link RedisConnectionFactory}, when
 * {@code checkpointing.backend=redis} and Spring Data Redis is present.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@ConditionalOnMissingBean(CacheBackend.class)
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "redis")
class RedisBackendConfiguration {

	@Bean
	RedisBackend checkpointingRedisBackend(CheckpointingProperties properties, RedisConnectionFactory connectionFactory,
			ObjectProvider<RedisBackendCustomizer> customizers) {
		CheckpointingProperties.Redis redis = properties.getRedis();
		RedisBackendBuilder builder = new RedisBackendBuilder(connectionFactory,
				CheckpointingPropertiesValidator.redisKeyPrefix(redis.getKeyPrefix()),
				CheckpointingPropertiesValidator.redisLockLease(redis.getLockLease()))
			.timeToLive(CheckpointingPropertiesValidator.ttl(properties.getTtl()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
