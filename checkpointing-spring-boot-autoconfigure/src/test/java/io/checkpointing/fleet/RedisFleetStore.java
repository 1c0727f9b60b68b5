package io.checkpointing.fleet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.processes.UnusedAutoConfigurations;
import io.checkpointing.services.SharedServices;
import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.store.StoredEntry;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A Redis, standalone or a cluster, under a key prefix of the run's own; the runs are counted
 * with {@code INCR} on one more key.
 */
final class RedisFleetStore implements FleetStore {

	private final String name;

	private final LettuceConnectionFactory connectionFactory;

	private final String connection;

	private final String prefix = SharedServices.uniqueName("fleet") + ":";

	private final RedisBackend store;

	/**
	 * @param name the name of the store, for the report
	 * @param connectionFactory a connection factory on it, destroyed by {@link #close()}
	 * @param connection how Spring Boot reaches it: {@code spring.data.redis.url=...} or
	 * {@code spring.data.redis.cluster.nodes=...}
	 */
	RedisFleetStore(String name, LettuceConnectionFactory connectionFactory, String connection) {
		this.name = name;
		this.connectionFactory = connectionFactory;
		this.connection = connection;
		this.store = new RedisBackend(connectionFactory, this.prefix, null, Duration.ofSeconds(30));
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public List<String> settings() {
		return List.of("--checkpointing.backend=redis", "--" + this.connection, "--spring.autoconfigure.exclude="
				+ UnusedAutoConfigurations.except("org.springframework.boot.data.redis.autoconfigure"),
				"--checkpointing.redis.key-prefix=" + this.prefix, "--fleet.counter=" + counter());
	}

	@Override
	public long runs() {
		try (RedisConnection redis = this.connectionFactory.getConnection()) {
			byte[] runs = redis.stringCommands().get(counter().getBytes(StandardCharsets.UTF_8));
			return (runs != null) ? Long.parseLong(new String(runs, StandardCharsets.UTF_8)) : 0;
		}
	}

	@Override
	public long entries() throws Exception {
		try (Stream<StoredEntry> entries = this.store.list()) {
			return entries.count();
		}
	}

	@Override
	public void close() throws Exception {
		try (RedisConnection redis = this.connectionFactory.getConnection()) {
			redis.keyCommands().del(counter().getBytes(StandardCharsets.UTF_8));
			this.store.clear();
		}
		finally {
			this.store.close();
			this.connectionFactory.destroy();
		}
	}

	private String counter() {
		return this.prefix + "runs";
	}

}
