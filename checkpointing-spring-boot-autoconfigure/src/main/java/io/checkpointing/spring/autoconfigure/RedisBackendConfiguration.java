package io.checkpointing.spring.autoconfigure;

import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.store.CacheBackend;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redis backend, on the application's {@link RedisConnectionFactory}, when
 * {@code checkpointing.backend=redis} and Spring Data Redis is present.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "redis")
class RedisBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean(CacheBackend.class)
	RedisBackend checkpointingRedisBackend(CheckpointingProperties properties,
			ObjectProvider<RedisConnectionFactory> connectionFactory) {
		RedisConnectionFactory factory = connectionFactory.getIfUnique();
		if (factory == null) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.backend", "redis",
					"There is no single RedisConnectionFactory bean: add org.springframework.boot:spring-boot-starter-data-redis"
							+ " and set spring.data.redis.*, or define one RedisConnectionFactory bean");
		}
		CheckpointingProperties.Redis redis = properties.getRedis();
		if (redis.getKeyPrefix().isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.redis.key-prefix", "",
					"Use a non-empty prefix such as 'checkpointing:'; clearing the store deletes every key that starts with it");
		}
		if (redis.getLockLease().toMillis() < 3) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.redis.lock-lease", redis.getLockLease(),
					"Use a duration well above a network round trip, such as 30s");
		}
		return new RedisBackend(factory, redis.getKeyPrefix(), properties.getTtl(), redis.getLockLease());
	}

}
