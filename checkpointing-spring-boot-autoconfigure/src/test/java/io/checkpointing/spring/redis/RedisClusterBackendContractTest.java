package io.checkpointing.spring.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import io.checkpointing.services.LocalRedisCluster;
import io.checkpointing.services.LocalRedisExtension;
import io.checkpointing.services.SharedServices;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CacheBackendContract;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.types.Expiration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis backend keeps the contract on a real Redis Cluster of three masters, where the keys
 * of one store live on every master.
 */
@Tag("services")
@ExtendWith(LocalRedisExtension.class)
class RedisClusterBackendContractTest extends CacheBackendContract implements RedisChunkedEntriesContract {

	private static final Duration LEASE = Duration.ofMillis(1500);

	private static final int SPREAD_KEYS = 60;

	private final LocalRedisCluster cluster;

	private LettuceConnectionFactory connectionFactory;

	private String prefix;

	RedisClusterBackendContractTest(LocalRedisCluster cluster) {
		this.cluster = cluster;
	}

	@Override
	protected CacheBackend createBackend() {
		this.connectionFactory = this.cluster.connectionFactory();
		this.prefix = SharedServices.uniqueName("cluster") + ":";
		return new RedisBackend(this.connectionFactory, this.prefix, null, LEASE);
	}

	@Override
	public RedisBackend redisBackend() {
		return (RedisBackend) backend();
	}

	@Override
	public RedisBackend redisBackend(Duration timeToLive) {
		return new RedisBackend(this.connectionFactory, this.prefix, timeToLive, LEASE);
	}

	@Override
	public RedisConnectionFactory redisConnections() {
		return this.connectionFactory;
	}

	@Override
	public String redisPrefix() {
		return this.prefix;
	}

	@Override
	protected void destroyBackend(CacheBackend backend) {
		((RedisBackend) backend).close();
		this.connectionFactory.destroy();
	}

	@Override
	protected AutoCloseable lockAndDie(CallKey key) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Boolean taken = connection.stringCommands().set(redisKey("lock:" + key.hex()), "dead".getBytes(StandardCharsets.UTF_8),
					Expiration.milliseconds(LEASE.toMillis()), SetOption.ifAbsent());
			assertThat(taken).isTrue();
		}
		return () -> {
		};
	}

	/** {@code COPY} needs both keys in one slot; an operator's copy across slots reads and writes. */
	@Override
	protected void copyEntry(CallKey from, CallKey to) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			byte[] entry = connection.stringCommands().get(redisKey(from.hex()));
			assertThat(connection.stringCommands().set(redisKey(to.hex()), entry)).isTrue();
		}
	}

	@Override
	protected void renameEntry(CallKey from, CallKey to) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.keyCommands().rename(redisKey(from.hex()), redisKey(to.hex()));
		}
	}

	@Test
	void listsAndClearsTheEntriesOfEveryMaster() throws Exception {
		for (int n = 0; n < SPREAD_KEYS; n++) {
			backend().write(key(n), entry(key(n), "Work.square", "value " + n));
		}
		assertThat(entriesPerMaster()).as("entries per master").hasSize(3).allSatisfy((master, entries) ->
				assertThat(entries).isPositive());
		try (Stream<StoredEntry> entries = backend().list()) {
			assertThat(entries.map(StoredEntry::key)).containsExactlyInAnyOrderElementsOf(
					IntStream.range(0, SPREAD_KEYS).mapToObj(CacheBackendContract::key).toList());
		}
		backend().clear();
		assertThat(entriesPerMaster()).as("entries left after clear").isEmpty();
	}

	private Map<String, Integer> entriesPerMaster() {
		Map<String, Integer> counts = new HashMap<>();
		try (RedisClusterConnection connection = this.connectionFactory.getClusterConnection()) {
			for (RedisClusterNode node : connection.clusterGetNodes()) {
				if (node.isMaster()) {
					int count = connection.keys(node, redisKey("*")).size();
					if (count > 0) {
						counts.put(node.asString(), count);
					}
				}
			}
		}
		return counts;
	}

	private byte[] redisKey(String name) {
		return (this.prefix + name).getBytes(StandardCharsets.UTF_8);
	}

}
