package io.checkpointing.spring.redis;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Runs commands on a connection of its own, and turns Spring's unchecked failures into the SPI's
 * {@link IOException}.
 */
final class RedisCalls {

	private final RedisConnectionFactory connectionFactory;

	private final String location;

	RedisCalls(RedisConnectionFactory connectionFactory, String location) {
		this.connectionFactory = connectionFactory;
		this.location = location;
	}

	/**
	 * Runs one action on a connection. The description is a constant, not built per call: a hit
	 * pays for no message it does not need, and the engine warns once per failure instead of once
	 * per key.
	 */
	<T> @Nullable T execute(String description, RedisAction<T> action) throws IOException {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			return action.doWith(connection);
		}
		catch (DataAccessException ex) {
			throw new IOException("Cannot " + description + " in " + this.location + ": " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	interface RedisAction<T> {

		@Nullable T doWith(RedisConnection connection) throws IOException;

	}

}
