package io.checkpointing.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.KeyLock;
import io.checkpointing.store.MemoryBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the engine uses a store's key lock. Two engines on one store stand for two processes; the
 * backends' own tests lock across real processes.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedStoreLockTest {

	private final LockingStore store = new LockingStore(new MemoryBackend());

	private final Calculator calculator = new Calculator();

	@Test
	void aMissTakesTheKeyLockWhileItComputesAndReleasesIt() throws Throwable {
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder().backend(this.store).build());
		calls.call(this.calculator, "twice", 1);
		assertThat(this.store.locksTaken).hasValue(1);
		assertThat(this.store.held).isFalse();
	}

	@Test
	void aThreadComputingItsOwnKeyAgainDoesNotWaitForItsOwnLock() throws Throwable {
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder().backend(this.store).lockTimeout(Duration.ofDays(1)).build());
		assertThat(calls.call(this.calculator, "reenter", 1, 2, calls)).isEqualTo(2);
		assertThat(this.calculator.runs).hasValue(3);
		assertThat(this.store.locksTaken).hasValue(1);
		assertThat(this.store.held).isFalse();
	}

	@Test
	void aDamagedEntryFoundUnderTheLockUnderRaiseReleasesTheLock() {
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder().backend(this.store).onError(OnError.RAISE).build());
		// Reads 1 and 2 miss (the call, then single-flight's second look); read 3 is the look under the lock.
		this.store.damagedRead = 3;
		assertThatExceptionOfType(CheckpointException.class).isThrownBy(() -> calls.call(this.calculator, "twice", 1))
			.withMessageContaining("unusable");
		assertThat(this.store.locksTaken).hasValue(1);
		assertThat(this.store.held).as("released").isFalse();
	}

	@Test
	void aLockTimeoutOfCenturiesIsAsGoodAsNone() throws Throwable {
		EngineCalls calls = new EngineCalls(
				CheckpointEngine.builder().backend(this.store).lockTimeout(Duration.ofSeconds(Long.MAX_VALUE)).build());
		assertThat(calls.call(this.calculator, "twice", 1)).isEqualTo(2);
		assertThat(this.store.locksTaken).as("not reported as a failure to lock").hasValue(1);
	}

	@Test
	void aHitTakesNoLock() throws Throwable {
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder().backend(this.store).build());
		calls.call(this.calculator, "twice", 1);
		calls.call(this.calculator, "twice", 1);
		assertThat(this.store.locksTaken).hasValue(1);
	}

	@Test
	void aMissWaitsForTheEntryOfTheProcessHoldingTheLock() throws Throwable {
		LockingStore holderStore = new LockingStore(this.store.entries);
		EngineCalls holder = new EngineCalls(CheckpointEngine.builder().backend(holderStore).build());
		EngineCalls waiter = new EngineCalls(CheckpointEngine.builder().backend(this.store).build());
		Calculator elsewhere = new Calculator();
		this.store.held.set(true);
		CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> call(waiter, this.calculator));
		// The other process stores the entry once the waiter was refused the lock; it never lets go of it.
		while (this.store.refusals.get() == 0) {
			Thread.onSpinWait();
		}
		holder.call(elsewhere, "twice", 1);
		assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(2);
		assertThat(this.calculator.runs).as("the waiter read the holder's entry").hasValue(0);
		assertThat(elsewhere.runs).hasValue(1);
	}

	@Test
	void aWaiterComputesItselfAfterTheLockTimeoutAndSaysSo(CapturedOutput output) throws Throwable {
		EngineCalls waiter = new EngineCalls(
				CheckpointEngine.builder().backend(this.store).lockTimeout(Duration.ofMillis(30)).build());
		this.store.held.set(true);
		assertThat(waiter.call(this.calculator, "twice", 1)).isEqualTo(2);
		assertThat(this.calculator.runs).hasValue(1);
		assertThat(output).contains("Calculator#twice: waited PT0.03S (checkpointing.lock.timeout) for another process")
			.contains("computing it here as well");
	}

	@Test
	void aStoreThatCannotLockIsAFailureUnderThePolicyAndTheMethodStillRuns(CapturedOutput output) throws Throwable {
		this.store.broken = true;
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder().backend(this.store).build());
		assertThat(calls.call(this.calculator, "twice", 1)).isEqualTo(2);
		assertThat(output).contains("Cannot lock key").contains("lock service down");
	}

	private static Object call(EngineCalls calls, Calculator calculator) {
		try {
			return calls.call(calculator, "twice", 1);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A memory store whose key lock another process can hold. */
	static final class LockingStore implements CacheBackend {

		final MemoryBackend entries;

		final AtomicBoolean held = new AtomicBoolean();

		final AtomicInteger locksTaken = new AtomicInteger();

		final AtomicInteger refusals = new AtomicInteger();

		volatile boolean broken;

		/** The read, counted from 1, that finds a damaged entry; 0 for none. */
		volatile int damagedRead;

		private final AtomicInteger reads = new AtomicInteger();

		LockingStore(MemoryBackend entries) {
			this.entries = entries;
		}

		@Override
		public Optional<KeyLock> tryLock(CallKey key) throws IOException {
			if (this.broken) {
				throw new IOException("lock service down");
			}
			if (!this.held.compareAndSet(false, true)) {
				this.refusals.incrementAndGet();
				return Optional.empty();
			}
			this.locksTaken.incrementAndGet();
			return Optional.of(() -> this.held.set(false));
		}

		@Override
		public Optional<ByteBuffer> read(CallKey key) {
			if (this.reads.incrementAndGet() == this.damagedRead) {
				return Optional.of(ByteBuffer.wrap("not an entry".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			}
			return this.entries.read(key);
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) {
			this.entries.write(key, entry);
		}

		@Override
		public boolean delete(CallKey key) {
			return this.entries.delete(key);
		}

		@Override
		public Stream<StoredEntry> list() {
			return this.entries.list();
		}

		@Override
		public void clear() {
			this.entries.clear();
		}

		@Override
		public String location() {
			return "a locking test store";
		}

	}

}
