package io.checkpointing.engine;

import java.nio.file.Path;

import io.checkpointing.Checkpoint;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateMethodKeysTest {

	@TempDir
	Path directory;

	@Test
	void subclassesThatDifferOnlyInAnOverriddenStepDoNotShareResults() throws Throwable {
		EngineCalls calls = new EngineCalls(
				CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build());
		assertThat(calls.call(new Twice(), "area", 5)).isEqualTo(10);
		assertThat(calls.call(new Thrice(), "area", 5)).isEqualTo(15);
	}

	public abstract static class Shape {

		@Checkpoint
		public int area(int x) {
			return scale(x);
		}

		protected abstract int scale(int x);

	}

	public static class Twice extends Shape {

		@Override
		protected int scale(int x) {
			return 2 * x;
		}

	}

	public static class Thrice extends Shape {

		@Override
		protected int scale(int x) {
			return 3 * x;
		}

	}

}
