package io.checkpointing.fleet.program;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Counts runs with {@code INCR} on one Redis key. */
@Component
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "redis")
class RedisRunCounter implements RunCounter {

	private final StringRedisTemplate redis;

	private final String key;

	RedisRunCounter(StringRedisTemplate redis, @Value("${fleet.counter}") String key) {
		this.redis = redis;
		this.key = key;
	}

	@Override
	public void increment() {
		this.redis.opsForValue().increment(this.key);
	}

}
