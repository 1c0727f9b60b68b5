package io.checkpointing.engine;

import java.nio.file.Path;

import io.checkpointing.OnError;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine keeps for others (traces, the console's recent calls) never costs a caller its
 * call: an observer that throws at every step, or an identity without a code fingerprint, leave
 * results and hits as they are.
 */
class BookkeepingIsolationTest {

	@TempDir
	Path directory;

	private final Calculator calculator = new Calculator();

	@Test
	void anObserverThatThrowsAtEveryStepChangesNoResultAndNoHit() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.onError(OnError.RAISE)
			.observer((method) -> new ThrowingCall())
			.build();
		EngineCalls calls = new EngineCalls(engine);
		assertThat(calls.call(this.calculator, "twice", 5)).isEqualTo(10);
		assertThat(calls.call(this.calculator, "twice", 5)).isEqualTo(10);
		assertThat(this.calculator.runs).hasValue(1);
	}

	@Test
	void anObserverThatCannotStartLeavesTheCallUnobserved() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.onError(OnError.RAISE)
			.observer((method) -> {
				throw new IllegalStateException("no tracer");
			})
			.build();
		assertThat(new EngineCalls(engine).call(this.calculator, "twice", 6)).isEqualTo(12);
	}

	@Test
	void theConsoleRecordsCallsKeyedByAStrategyWhichHaveNoCodeFingerprint() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.onError(OnError.RAISE)
			.keyStrategy((method, target, arguments) -> arguments[0])
			.recentCalls(5)
			.build();
		EngineCalls calls = new EngineCalls(engine);
		assertThat(calls.call(this.calculator, "twice", 7)).isEqualTo(14);
		assertThat(calls.call(this.calculator, "twice", 7)).isEqualTo(14);
		assertThat(this.calculator.runs).hasValue(1);
		assertThat(engine.administration().recentCalls().facts()).containsKey("Calculator#twice");
	}

	/** An observed call whose every step fails, as a broken tracing bridge would. */
	private static final class ThrowingCall implements CallObserver.ObservedCall {

		@Override
		public CallObserver.Stage stage(String stage) {
			return () -> {
				throw new IllegalStateException("close " + stage);
			};
		}

		@Override
		public void key(String keyPrefix) {
			throw new IllegalStateException("key");
		}

		@Override
		public void result(String result) {
			throw new IllegalStateException("result");
		}

		@Override
		public void failed(Throwable failure) {
			throw new IllegalStateException("failed");
		}

		@Override
		public void stop() {
			throw new IllegalStateException("stop");
		}

	}

}
