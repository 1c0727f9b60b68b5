package io.checkpointing.engine;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.Checkpoint;
import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine knows no expression language: without an evaluator, a method that declares an
 * expression is refused under the error policy, and one that would mix {@code Ignore} and
 * {@code Key} is refused whatever the evaluator.
 */
class ExpressionsWithoutSpringTest {

	@TempDir
	Path directory;

	private EngineCalls calls(OnError onError, CheckpointExpressions expressions) {
		return new EngineCalls(CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.onError(onError)
			.expressions(expressions)
			.build());
	}

	@Test
	void aMethodWithAConditionIsRefusedByAnEngineWithoutAnEvaluator() {
		Conditional conditional = new Conditional();
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls(OnError.RAISE, CheckpointExpressions.NONE).call(conditional, "twice", 2))
			.withMessageContaining("Cannot checkpoint Conditional#twice: its condition, unless or @Checkpoint.Key"
					+ " expressions need Spring's expression language");
	}

	@Test
	void underWarnTheMethodRunsEveryTime() throws Throwable {
		Conditional conditional = new Conditional();
		EngineCalls calls = calls(OnError.WARN, CheckpointExpressions.NONE);
		assertThat(calls.call(conditional, "twice", 2)).isEqualTo(4);
		assertThat(calls.call(conditional, "twice", 2)).isEqualTo(4);
		assertThat(conditional.runs).hasValue(2);
	}

	@Test
	void anEvaluatorsConditionDecidesWhetherTheStoreIsUsed() throws Throwable {
		Conditional conditional = new Conditional();
		EngineCalls calls = calls(OnError.RAISE, (method, name, declared) -> new MethodExpressions() {

			@Override
			public boolean condition(MethodCall call) {
				return (int) call.arguments()[0] > 1;
			}

			@Override
			public boolean unless(MethodCall call, Object result) {
				return false;
			}

			@Override
			public Object key(int parameterIndex, MethodCall call) {
				return call.arguments()[parameterIndex];
			}

		});
		calls.call(conditional, "twice", 1);
		calls.call(conditional, "twice", 1);
		calls.call(conditional, "twice", 2);
		calls.call(conditional, "twice", 2);
		assertThat(conditional.runs).hasValue(3);
	}

	@Test
	void aParameterBothIgnoredAndKeyedIsRefusedNamingIt() {
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls(OnError.RAISE, (method, name, declared) -> MethodExpressions.NONE)
				.call(new Conditional(), "confused", "x"))
			.withMessageContaining("Cannot checkpoint Conditional#confused: parameter 0")
			.withMessageContaining("is both @Checkpoint.Ignore and @Checkpoint.Key(\"length()\")");
	}

	public static class Conditional {

		final AtomicInteger runs = new AtomicInteger();

		@Checkpoint(condition = "#a0 > 1")
		public int twice(int value) {
			this.runs.incrementAndGet();
			return value * 2;
		}

		@Checkpoint
		public int confused(@Checkpoint.Ignore @Checkpoint.Key("length()") String text) {
			return text.length();
		}

	}

}
