/**
 * The Redis backend: entries and key leases in a Redis that several processes share, through
 * Spring Data Redis' {@link org.springframework.data.redis.connection.RedisConnectionFactory}, so
 * that Spring Boot's {@code spring.data.redis.*} properties apply.
 */
@NullMarked
package io.checkpointing.spring.redis;

import org.jspecify.annotations.NullMarked;
