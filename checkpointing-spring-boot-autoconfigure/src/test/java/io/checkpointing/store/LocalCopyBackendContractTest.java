package io.checkpointing.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.checkpointing.key.CallKey;
import io.checkpointing.services.SharedServices;
import io.checkpointing.spring.redis.RedisBackend;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.types.Expiration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local copy in front of a real Redis keeps the contract. Copying or moving an entry is done
 * in both stores, as someone with access to the machine and to Redis would: what the local copy
 * returns must be refused as well.
 */
@Tag("services")
class LocalCopyBackendContractTest extends CacheBackendContract {

	private static final Duration LEASE = Duration.ofMillis(1500);

	@TempDir
	Path directory;

	private LettuceConnectionFactory connectionFactory;

	private String prefix;

	private FilesystemBackend local;

	private RedisBackend shared;

	@Override
	protected CacheBackend createBackend() {
		this.connectionFactory = SharedServices.redis().connectionFactory();
		this.prefix = SharedServices.uniqueName("local-copy") + ":";
		this.local = new FilesystemBackend(this.directory.resolve("local"), 1L << 30);
		this.shared = new RedisBackend(this.connectionFactory, this.prefix, null, LEASE);
		return new LocalCopyBackend(this.local, this.shared, (header) -> true);
	}

	@Override
	protected void destroyBackend(CacheBackend backend) {
		this.local.close();
		this.shared.close();
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

	@Override
	protected void copyEntry(CallKey from, CallKey to) throws Exception {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			assertThat(connection.keyCommands().copy(redisKey(from.hex()), redisKey(to.hex()), true)).isTrue();
		}
		Files.copy(fileOf(from), fileOf(to), StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	protected void renameEntry(CallKey from, CallKey to) throws Exception {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.keyCommands().rename(redisKey(from.hex()), redisKey(to.hex()));
		}
		Files.createDirectories(fileOf(to).getParent());
		Files.move(fileOf(from), fileOf(to));
	}

	private Path fileOf(CallKey key) {
		String hex = key.hex();
		return this.directory.resolve("local").resolve(hex.substring(0, 2)).resolve(hex.substring(2) + FilesystemBackend.SUFFIX);
	}

	private byte[] redisKey(String name) {
		return (this.prefix + name).getBytes(StandardCharsets.UTF_8);
	}

}
