package io.checkpointing.spring.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.checkpointing.store.KeyLock;
import io.checkpointing.store.LeaseRenewals;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.types.Expiration;

/**
 * Leases on Redis keys: taken with {@code SET NX PX} and a random token, renewed every third of
 * the lease while held, and released only by the token's owner. The token makes renewal and
 * release safe after a lease expired and another process took it: they change nothing then.
 */
final class RedisKeyLeases implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisBackend.class);

	/** Extends the lease if this token still holds it. */
	private static final byte[] RENEW = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
			+ "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end").getBytes(StandardCharsets.UTF_8);

	/** Deletes the lease if this token still holds it. */
	private static final byte[] RELEASE = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
			+ "return redis.call('del', KEYS[1]) else return 0 end").getBytes(StandardCharsets.UTF_8);

	private final RedisConnectionFactory connectionFactory;

	private final Duration lease;

	private final ScheduledExecutorService renewals;

	RedisKeyLeases(RedisConnectionFactory connectionFactory, Duration lease) {
		if (lease.toMillis() < 3) {
			throw new IllegalArgumentException("The lock lease (checkpointing.redis.lock-lease) must be at least 3ms, not "
					+ lease + "; use a duration well above a network round trip, such as 30s");
		}
		this.connectionFactory = connectionFactory;
		this.lease = lease;
		this.renewals = LeaseRenewals.scheduler("checkpointing-redis-lease");
	}

	/**
	 * @param lockKey the Redis key of the lease
	 * @return the held lease, or empty if another owner holds it
	 */
	Optional<KeyLock> tryAcquire(byte[] lockKey) {
		byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
		Boolean taken;
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			taken = connection.stringCommands()
				.set(lockKey, token, Expiration.milliseconds(this.lease.toMillis()), SetOption.ifAbsent());
		}
		if (!Boolean.TRUE.equals(taken)) {
			return Optional.empty();
		}
		return Optional.of(new Lease(lockKey, token));
	}

	@Override
	public void close() {
		this.renewals.shutdownNow();
	}

	private final class Lease implements KeyLock {

		private final byte[] lockKey;

		private final byte[] token;

		private final ScheduledFuture<?> renewal;

		private final AtomicBoolean released = new AtomicBoolean();

		Lease(byte[] lockKey, byte[] token) {
			this.lockKey = lockKey;
			this.token = token;
			long period = Math.max(1, RedisKeyLeases.this.lease.toMillis() / 3);
			this.renewal = RedisKeyLeases.this.renewals.scheduleAtFixedRate(this::renew, period, period,
					TimeUnit.MILLISECONDS);
		}

		private void renew() {
			if (this.released.get()) {
				return;
			}
			try {
				Long renewed = run(RENEW, String.valueOf(RedisKeyLeases.this.lease.toMillis())
					.getBytes(StandardCharsets.UTF_8));
				if ((renewed == null || renewed == 0) && !this.released.get()) {
					logger.warn("Lost the lease {} (it expired before it was renewed): another process may compute"
							+ " the same key; raise checkpointing.redis.lock-lease if Redis or this JVM pauses that long",
							new String(this.lockKey, StandardCharsets.UTF_8));
					throw new LostLeaseException();
				}
			}
			catch (LostLeaseException ex) {
				throw ex; // ends the periodic renewal
			}
			catch (RuntimeException ex) {
				// Tried again at the next period; if Redis stays away the lease expires, as if we died.
				logger.debug("Could not renew the lease {}", new String(this.lockKey, StandardCharsets.UTF_8), ex);
			}
		}

		@Override
		public void close() throws IOException {
			if (this.released.compareAndSet(false, true)) {
				this.renewal.cancel(false);
				try {
					run(RELEASE);
				}
				catch (DataAccessException ex) {
					throw new IOException("Cannot release the lease " + new String(this.lockKey, StandardCharsets.UTF_8)
							+ "; it expires by itself: " + ex.getMessage(), ex);
				}
			}
		}

		private @Nullable Long run(byte[] script, byte[]... arguments) {
			byte[][] keysAndArguments = new byte[2 + arguments.length][];
			keysAndArguments[0] = this.lockKey;
			keysAndArguments[1] = this.token;
			System.arraycopy(arguments, 0, keysAndArguments, 2, arguments.length);
			try (RedisConnection connection = RedisKeyLeases.this.connectionFactory.getConnection()) {
				return connection.scriptingCommands().eval(script, ReturnType.INTEGER, 1, keysAndArguments);
			}
		}

	}

	/** Ends a lease's renewal: a periodic task that throws is not run again. */
	private static final class LostLeaseException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		LostLeaseException() {
			super(null, null, false, false);
		}

	}

}
