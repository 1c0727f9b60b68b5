package io.checkpointing.spring.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.checkpointing.key.CallKey;
import io.checkpointing.services.SharedServices;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CacheBackendContract;
import io.checkpointing.store.KeyLock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.types.Expiration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The Redis backend keeps the contract on a real Redis, under a key prefix of its own. */
@Tag("services")
class RedisBackendContractTest extends CacheBackendContract implements RedisChunkedEntriesContract {

	private static final Duration LEASE = Duration.ofMillis(1500);

	private LettuceConnectionFactory connectionFactory;

	private String prefix;

	@Override
	protected CacheBackend createBackend() {
		this.connectionFactory = SharedServices.redis().connectionFactory();
		this.prefix = SharedServices.uniqueName("contract") + ":";
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

	/** The other process's last lease, which it never renews: it died right after taking it. */
	@Override
	protected AutoCloseable lockAndDie(CallKey key) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Boolean taken = connection.stringCommands().set(lockKey(key), "dead".getBytes(StandardCharsets.UTF_8),
					Expiration.milliseconds(LEASE.toMillis()), SetOption.ifAbsent());
			assertThat(taken).isTrue();
		}
		return () -> {
		};
	}

	@Override
	protected void copyEntry(CallKey from, CallKey to) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			assertThat(connection.keyCommands().copy(entryKey(from), entryKey(to), true)).isTrue();
		}
	}

	@Override
	protected void renameEntry(CallKey from, CallKey to) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.keyCommands().rename(entryKey(from), entryKey(to));
		}
	}

	private byte[] entryKey(CallKey key) {
		return (this.prefix + key.hex()).getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void aPrefixWhoseBraceIsNotClosedIsRefusedAsItWouldSplitAnEntryFromItsChunksOnACluster() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisBackend(this.connectionFactory, "app{", null, LEASE))
			.withMessageContaining("'app{' has a '{' that no '}' closes");
		new RedisBackend(this.connectionFactory, "app{tag}:", null, LEASE).close();
	}

	@Test
	void aHolderRenewsItsLeaseForAsLongAsItComputes() throws Exception {
		KeyLock held = backend().tryLock(key(1)).orElseThrow();
		try {
			Thread.sleep(LEASE.toMillis() * 3);
			assertThat(backend().tryLock(key(1))).as("still held after three leases").isEmpty();
		}
		finally {
			held.close();
		}
		Optional<KeyLock> next = backend().tryLock(key(1));
		assertThat(next).isPresent();
		next.get().close();
	}

	@Test
	void entriesExpireWithTheTimeToLive() throws Exception {
		try (RedisBackend expiring = new RedisBackend(this.connectionFactory, this.prefix, Duration.ofMinutes(5), LEASE)) {
			expiring.write(key(1), entry(key(1), "Work.square", "four"));
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				Long millis = connection.keyCommands().pTtl((this.prefix + key(1).hex()).getBytes(StandardCharsets.UTF_8));
				assertThat(millis).isBetween(1L, Duration.ofMinutes(5).toMillis());
			}
		}
	}

	@Test
	void withoutTimeToLiveEntriesDoNotExpire() throws Exception {
		backend().write(key(1), entry(key(1), "Work.square", "four"));
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Long millis = connection.keyCommands().pTtl((this.prefix + key(1).hex()).getBytes(StandardCharsets.UTF_8));
			assertThat(millis).as("no expiry").isEqualTo(-1L);
		}
	}

	@Test
	void clearLeavesOtherKeysAndOtherPrefixesAlone() throws Exception {
		byte[] foreign = (this.prefix + "notes").getBytes(StandardCharsets.UTF_8);
		byte[] otherPrefix = (this.prefix + "x" + key(1).hex()).getBytes(StandardCharsets.UTF_8);
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.stringCommands().set(foreign, new byte[] { 1 });
			connection.stringCommands().set(otherPrefix, new byte[] { 1 });
			try {
				backend().write(key(1), entry(key(1), "Work.square", "four"));
				try (KeyLock held = backend().tryLock(key(2)).orElseThrow()) {
					backend().clear();
					assertThat(backend().read(key(1))).isEmpty();
					assertThat(connection.keyCommands().exists(foreign, otherPrefix)).isEqualTo(2L);
					assertThat(backend().tryLock(key(2))).as("clear keeps leases").isEmpty();
				}
			}
			finally {
				connection.keyCommands().del(foreign, otherPrefix);
			}
		}
	}

	private byte[] lockKey(CallKey key) {
		return (this.prefix + "lock:" + key.hex()).getBytes(StandardCharsets.UTF_8);
	}

}
