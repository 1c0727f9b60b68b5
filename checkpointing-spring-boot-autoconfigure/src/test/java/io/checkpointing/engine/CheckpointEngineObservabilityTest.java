package io.checkpointing.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.checkpointing.engine.CallStatistics.MethodStatistics;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointEngineObservabilityTest {

	@TempDir
	Path directory;

	private final Calculator calculator = new Calculator();

	private CheckpointEngineBuilder builder() {
		return CheckpointEngine.builder().backend(new FilesystemBackend(this.directory));
	}

	@Test
	void statisticsCountHitsMissesAndTimeSavedPerMethod() throws Throwable {
		CheckpointEngine engine = builder().build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "slow", 1);
		calls.call(this.calculator, "slow", 1);
		calls.call(this.calculator, "slow", 1);
		calls.call(this.calculator, "twice", 1);
		MethodStatistics slow = engine.statistics().of("Calculator#slow");
		assertThat(slow.hits()).isEqualTo(2);
		assertThat(slow.misses()).isEqualTo(1);
		assertThat(slow.timeSaved().toMillis()).isGreaterThanOrEqualTo(400);
		assertThat(engine.statistics().snapshot()).containsOnlyKeys("Calculator#slow", "Calculator#twice");
		assertThat(engine.statistics().of("Calculator#nothing").hits()).isZero();
	}

	@Test
	void statisticsCountReruns() throws Throwable {
		CheckpointEngine engine = builder().build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 1);
		engine.rerun(() -> {
			try {
				return calls.call(this.calculator, "twice", 1);
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(engine.statistics().of("Calculator#twice").reruns()).isEqualTo(1);
	}

	@Test
	void everyListenerIsToldOfEachEventInOrder() throws Throwable {
		List<String> events = new CopyOnWriteArrayList<>();
		CheckpointEngine engine = builder().listener(new Recording("a", events))
			.listener(new Recording("b", events))
			.build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 2);
		calls.call(this.calculator, "twice", 2);
		assertThat(events).containsExactly("a miss", "b miss", "a computed", "b computed", "a stored", "b stored",
				"a hit", "b hit");
	}

	@Test
	void evictAllOfAMethodRemovesOnlyItsEntries() throws Throwable {
		CheckpointEngine engine = builder().build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 1);
		calls.call(this.calculator, "twice", 2);
		calls.call(this.calculator, "maybe", true);
		assertThat(engine.evictAll("Calculator#twice")).isEqualTo(2);
		assertThat(engine.administration().entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.header().methodName()).isEqualTo("Calculator#maybe"));
		calls.call(this.calculator, "twice", 1);
		assertThat(this.calculator.runs).hasValue(4);
	}

	@Test
	void evictAllRemovesEveryEntry() throws Throwable {
		CheckpointEngine engine = builder().build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 1);
		calls.call(this.calculator, "maybe", true);
		assertThat(engine.administration().evictAll()).isEqualTo(2);
		assertThat(engine.administration().entries()).isEmpty();
	}

	private record Recording(String name, List<String> events) implements CheckpointListener {

		@Override
		public void hit(String method, long loadNanos, long savedNanos) {
			this.events.add(this.name + " hit");
		}

		@Override
		public void miss(String method) {
			this.events.add(this.name + " miss");
		}

		@Override
		public void computed(String method, long nanos) {
			this.events.add(this.name + " computed");
		}

		@Override
		public void stored(String method, long nanos) {
			this.events.add(this.name + " stored");
		}

	}

}
