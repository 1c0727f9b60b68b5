package io.checkpointing.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A listener, ours or the user's, that throws on every event changes nothing about the calls: not
 * their results, not the method's own exceptions, not the store's locks.
 */
class ListenerIsolationTest {

	@TempDir
	Path directory;

	private final Calculator calculator = new Calculator();

	private final Counting after = new Counting();

	private EngineCalls callsThrough(OnError onError) {
		CheckpointEngine engine = CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.onError(onError)
			.listener(new Throwing())
			.listener(this.after)
			.build();
		return new EngineCalls(engine);
	}

	@Test
	void aMissAndAHitReturnTheResultAndTellTheListenersAfterTheThrowingOne() throws Throwable {
		EngineCalls calls = callsThrough(OnError.WARN);
		assertThat(calls.call(this.calculator, "twice", 3)).isEqualTo(6);
		assertThat(calls.call(this.calculator, "twice", 3)).isEqualTo(6);
		assertThat(this.calculator.runs).hasValue(1);
		assertThat(this.after.events).isEqualTo(4);
		assertNoLockIsHeld();
	}

	@Test
	void theMethodsOwnExceptionIsRethrownUnchanged() throws Throwable {
		EngineCalls calls = callsThrough(OnError.WARN);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> calls.call(this.calculator, "failing", 4))
			.withMessage("boom 4");
		assertNoLockIsHeld();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> calls.call(this.calculator, "failing", 4))
			.withMessage("boom 4");
		assertThat(this.calculator.runs).hasValue(2);
	}

	@Test
	void aCheckpointingFailureUnderWarnStillReturnsTheResult() throws Throwable {
		EngineCalls calls = callsThrough(OnError.WARN);
		assertThat(calls.call(this.calculator, "unserializable", 1)).isSameAs(Thread.currentThread());
		assertThat(calls.call(this.calculator, "sum", Stream.of(1, 2))).isEqualTo(3);
		assertNoLockIsHeld();
	}

	@Test
	void aCheckpointingFailureUnderRaiseIsRaisedAsItself() throws Throwable {
		EngineCalls calls = callsThrough(OnError.RAISE);
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls.call(this.calculator, "unserializable", 1));
		assertNoLockIsHeld();
	}

	@Test
	void anotherEngineSharingTheStoreFindsTheResultWithoutWaiting() throws Throwable {
		callsThrough(OnError.WARN).call(this.calculator, "twice", 5);
		CheckpointEngine other = CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.lockTimeout(Duration.ZERO)
			.build();
		assertThat(new EngineCalls(other).call(this.calculator, "twice", 5)).isEqualTo(10);
		assertThat(this.calculator.runs).hasValue(1);
	}

	private void assertNoLockIsHeld() throws IOException {
		// A released lock deletes its file; a leaked one stays, and blocks every other process.
		try (Stream<Path> files = Files.walk(this.directory)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".lock"))).isEmpty();
		}
	}

	private static final class Throwing implements CheckpointListener {

		@Override
		public void hit(String method, long loadNanos, long savedNanos) {
			throw new IllegalArgumentException("listener failed on hit");
		}

		@Override
		public void miss(String method) {
			throw new IllegalArgumentException("listener failed on miss");
		}

		@Override
		public void error(String method, Exception failure) {
			throw new IllegalArgumentException("listener failed on error");
		}

		@Override
		public void computed(String method, long nanos) {
			throw new IllegalArgumentException("listener failed on computed");
		}

		@Override
		public void stored(String method, long nanos) {
			throw new IllegalArgumentException("listener failed on stored");
		}

	}

	private static final class Counting implements CheckpointListener {

		int events;

		@Override
		public void hit(String method, long loadNanos, long savedNanos) {
			this.events++;
		}

		@Override
		public void miss(String method) {
			this.events++;
		}

		@Override
		public void computed(String method, long nanos) {
			this.events++;
		}

		@Override
		public void stored(String method, long nanos) {
			this.events++;
		}

	}

}
