package io.checkpointing.spring.autoconfigure;

import io.checkpointing.spring.redis.RedisBackendBuilder;

/**
 * Adjusts the Redis backend ({@code checkpointing.backend=redis}) that the auto-configuration
 * builds, without replacing it. Every bean of this type is applied, in
 * {@link org.springframework.core.Ordered order}, after {@code checkpointing.redis.*} and
 * {@code checkpointing.ttl}.
 *
 * <pre>{@code
 * @Bean
 * RedisBackendCustomizer ownRedis() {
 *     return (builder) -> builder.connectionFactory(new LettuceConnectionFactory("cache-host", 6379));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RedisBackendCustomizer {

	/**
	 * @param builder the builder, with the application's RedisConnectionFactory and the
	 * properties' settings
	 */
	void customize(RedisBackendBuilder builder);

}
