package io.checkpointing.engine;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.Checkpoint;
import io.checkpointing.OnError;
import io.checkpointing.store.FilesystemBackend;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine learns once about a method (its results cannot be stored, they read back, it
 * was warned about) is learned about the class it is checkpointed as: two subclasses that
 * inherit one method, two repositories that share a base method, are two checkpointed methods.
 */
class PerClassFindingsTest {

	@TempDir
	Path directory;

	@Test
	void aSubclassWhoseResultsCannotBeStoredLeavesTheOtherSubclassCheckpointed() throws Throwable {
		EngineCalls calls = new EngineCalls(
				CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).onError(OnError.WARN).build());
		Squares squares = new Squares();
		Nothing nothing = new Nothing();
		calls.call(squares, "find", 1);
		calls.call(squares, "find", 1);
		assertThat(squares.runs).as("its results cannot be read back, so are not stored").hasValue(2);
		assertThat(calls.call(nothing, "find", 1)).isNull();
		assertThat(calls.call(nothing, "find", 1)).isNull();
		assertThat(nothing.runs).as("stored, then a hit").hasValue(1);
	}

	/** A base method that several classes inherit, as a repository's base interface declares one. */
	public abstract static class Finder {

		final AtomicInteger runs = new AtomicInteger();

		@Checkpoint
		public @Nullable Shape find(int id) {
			this.runs.incrementAndGet();
			return found(id);
		}

		protected abstract @Nullable Shape found(int id);

	}

	/** Its results are written as the records they are, and read as an interface no serializer can instantiate. */
	public static class Squares extends Finder {

		@Override
		protected Shape found(int id) {
			return new Square(id);
		}

	}

	public static class Nothing extends Finder {

		@Override
		protected @Nullable Shape found(int id) {
			return null;
		}

	}

	public interface Shape {

		int side();

	}

	public record Square(int side) implements Shape {
	}

}
