package io.checkpointing.store;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.MethodCall;
import io.checkpointing.key.CallKey;
import io.checkpointing.spring.redis.RedisBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A store that goes down costs a checkpointed call almost nothing once the breaker has opened:
 * the calls no longer reach it. Runs a redis-server of its own, stops it and starts it again.
 */
@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerTest {

	private static final Duration BACK_OFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACK_OFF = Duration.ofSeconds(3);

	private final AtomicLong clock = new AtomicLong();

	private final Squares squares = new Squares();

	private RedisServerProcess redis;

	private LettuceConnectionFactory connectionFactory;

	private RedisBackend store;

	private Counting reaching;

	private CircuitBreakingBackend breaker;

	private CheckpointEngine engine;

	@BeforeEach
	void startRedis() throws Exception {
		this.redis = new RedisServerProcess();
		this.redis.start();
		this.connectionFactory = this.redis.connectionFactory();
		this.store = new RedisBackend(this.connectionFactory, "breaker:", null, Duration.ofSeconds(5));
		this.reaching = new Counting(this.store);
		this.breaker = new CircuitBreakingBackend(this.reaching, 3, BACK_OFF, MAX_BACK_OFF, this.clock::get);
		this.engine = CheckpointEngine.builder().backend(this.breaker).build();
	}

	@AfterEach
	void stopRedis() throws Exception {
		this.store.close();
		this.connectionFactory.destroy();
		this.redis.close();
	}

	@Test
	void afterThreeConnectionFailuresCallsNoLongerReachTheStoreAndItIsUsedAgainOnceItIsBack(CapturedOutput output)
			throws Throwable {
		assertThat(square(2)).isEqualTo(4);
		assertThat(square(2)).isEqualTo(4);
		assertThat(this.squares.runs).as("stored, then a hit").hasValue(1);

		this.redis.stop();
		while (this.breaker.state() == CircuitBreakingBackend.State.CLOSED) {
			assertThat(square(3)).isEqualTo(9);
		}
		assertThat(output).containsOnlyOnce("failed to connect 3 times in a row");
		int reachedWhenOpened = this.reaching.calls.get();
		for (int i = 0; i < 100; i++) {
			assertThat(square(i)).isEqualTo(i * i);
		}
		assertThat(this.reaching.calls).as("no call reaches a store whose breaker is open").hasValue(reachedWhenOpened);

		this.clock.addAndGet(BACK_OFF.toNanos());
		assertThat(square(5)).isEqualTo(25);
		assertThat(this.reaching.calls).as("one call probes the store").hasValue(reachedWhenOpened + 1);
		assertThat(this.breaker.state()).isEqualTo(CircuitBreakingBackend.State.OPEN);
		assertThat(this.breaker.backOff()).as("the back-off doubles").isEqualTo(BACK_OFF.multipliedBy(2));
		this.clock.addAndGet(BACK_OFF.multipliedBy(2).toNanos());
		square(5);
		assertThat(this.breaker.backOff()).as("up to its cap").isEqualTo(MAX_BACK_OFF);

		this.redis.start();
		this.clock.addAndGet(MAX_BACK_OFF.toNanos());
		assertThat(square(6)).isEqualTo(36);
		assertThat(this.breaker.state()).isEqualTo(CircuitBreakingBackend.State.CLOSED);
		assertThat(output).containsOnlyOnce("answers again");
		int runs = this.squares.runs.get();
		assertThat(square(6)).isEqualTo(36);
		assertThat(this.squares.runs).as("stored in the store that came back, and found there").hasValue(runs);
		assertThat(this.breaker.backOff()).as("reset").isEqualTo(BACK_OFF);
	}

	@Test
	void theSkippedCallsSayWhichConnectionFailedNotThatTheStoreIsSkippedForNoReason() throws Throwable {
		this.redis.stop();
		while (this.breaker.state() == CircuitBreakingBackend.State.CLOSED) {
			square(3);
		}
		assertThatExceptionOfType(StoreSkippedException.class).isThrownBy(() -> this.breaker.read(CallKey.fromHex("0".repeat(64))))
			.withMessageContaining("the store redis (keys breaker:*)")
			.withMessageContaining("circuit breaker open")
			.withMessageContaining("Unable to connect");
	}

	@Test
	void anAnswerThatIsAnErrorIsNoConnectionFailure() throws Exception {
		CircuitBreakingBackend strict = new CircuitBreakingBackend(new Failing(new IOException("table is read-only")), 1,
				BACK_OFF, MAX_BACK_OFF, this.clock::get);
		CallKey key = CallKey.fromHex("0".repeat(64));
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> strict.read(key)).withMessage("table is read-only");
		}
		assertThat(strict.state()).isEqualTo(CircuitBreakingBackend.State.CLOSED);
		CircuitBreakingBackend refused = new CircuitBreakingBackend(
				new Failing(new IOException("Cannot read", new java.net.ConnectException("Connection refused"))), 1,
				BACK_OFF, MAX_BACK_OFF, this.clock::get);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> refused.read(key));
		assertThat(refused.state()).isEqualTo(CircuitBreakingBackend.State.OPEN);
	}

	private int square(int value) throws Throwable {
		Method method = Squares.class.getMethod("square", int.class);
		return (int) this.engine.call(new MethodCall(method, this.squares, new Object[] { value }, () -> {
			try {
				return method.invoke(this.squares, value);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}));
	}

	public static class Squares {

		final AtomicInteger runs = new AtomicInteger();

		@Checkpoint
		public int square(int value) {
			this.runs.incrementAndGet();
			return value * value;
		}

	}

	/** Counts the calls that reach the store behind the breaker. */
	private static final class Counting implements CacheBackend {

		private final CacheBackend store;

		final AtomicInteger calls = new AtomicInteger();

		Counting(CacheBackend store) {
			this.store = store;
		}

		@Override
		public Optional<ByteBuffer> read(CallKey key) throws IOException {
			this.calls.incrementAndGet();
			return this.store.read(key);
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) throws IOException {
			this.calls.incrementAndGet();
			this.store.write(key, entry);
		}

		@Override
		public boolean delete(CallKey key) throws IOException {
			this.calls.incrementAndGet();
			return this.store.delete(key);
		}

		@Override
		public Optional<KeyLock> tryLock(CallKey key) throws IOException {
			this.calls.incrementAndGet();
			return this.store.tryLock(key);
		}

		@Override
		public Stream<StoredEntry> list() throws IOException {
			return this.store.list();
		}

		@Override
		public void clear() throws IOException {
			this.store.clear();
		}

		@Override
		public String location() {
			return this.store.location();
		}

	}

	/** A store that answers every read with the same error. */
	private record Failing(IOException failure) implements CacheBackend {

		@Override
		public Optional<ByteBuffer> read(CallKey key) throws IOException {
			throw this.failure;
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) throws IOException {
			throw this.failure;
		}

		@Override
		public boolean delete(CallKey key) throws IOException {
			throw this.failure;
		}

		@Override
		public Stream<StoredEntry> list() {
			return Stream.empty();
		}

		@Override
		public void clear() {
		}

		@Override
		public String location() {
			return "failing";
		}

	}

}
