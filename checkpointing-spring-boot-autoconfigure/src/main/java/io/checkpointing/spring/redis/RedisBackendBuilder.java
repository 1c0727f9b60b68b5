package io.checkpointing.spring.redis;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Collects the settings of a {@link RedisBackend}, so that they can be adjusted before it is
 * made: Spring Boot's auto-configuration hands it to each {@code RedisBackendCustomizer}, which
 * may, for example, give checkpointing a Redis of its own. The backend checks the settings when
 * it is built.
 */
public final class RedisBackendBuilder {

	private RedisConnectionFactory connectionFactory;

	private String keyPrefix;

	private @Nullable Duration timeToLive;

	private Duration lockLease;

	/**
	 * @param connectionFactory the connections to Redis
	 * @param keyPrefix the start of every key the backend writes
	 * @param lockLease how long a key's lease lasts unless its holder renews it
	 */
	public RedisBackendBuilder(RedisConnectionFactory connectionFactory, String keyPrefix, Duration lockLease) {
		connectionFactory(connectionFactory);
		keyPrefix(keyPrefix);
		lockLease(lockLease);
	}

	/**
	 * @param connectionFactory the connections to Redis
	 * @return this builder
	 */
	public RedisBackendBuilder connectionFactory(RedisConnectionFactory connectionFactory) {
		this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory must not be null");
		return this;
	}

	/**
	 * @param keyPrefix the start of every key the backend writes, not empty: clearing the store
	 * deletes every key that starts with it
	 * @return this builder
	 */
	public RedisBackendBuilder keyPrefix(String keyPrefix) {
		this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
		return this;
	}

	/**
	 * @param timeToLive how long Redis keeps an entry, or {@code null} (the default) for ever
	 * @return this builder
	 */
	public RedisBackendBuilder timeToLive(@Nullable Duration timeToLive) {
		this.timeToLive = timeToLive;
		return this;
	}

	/**
	 * @param lockLease how long a key's lease lasts unless its holder renews it (every third of
	 * it): how long the others wait after a holder died
	 * @return this builder
	 */
	public RedisBackendBuilder lockLease(Duration lockLease) {
		this.lockLease = Objects.requireNonNull(lockLease, "lockLease must not be null");
		return this;
	}

	/**
	 * @return the backend
	 * @throws IllegalArgumentException if the key prefix is empty, or the time to live or the
	 * lease too short
	 */
	public RedisBackend build() {
		return new RedisBackend(this.connectionFactory, this.keyPrefix, this.timeToLive, this.lockLease);
	}

}
