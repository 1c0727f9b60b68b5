package io.checkpointing.key;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import io.checkpointing.Checkpoint;
import io.checkpointing.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ContentArgumentTest {

	@TempDir
	Path directory;

	private final ArgumentHasher hasher = new ArgumentHasher();

	private byte[] keyOf(String method, Object argument) throws Exception {
		Class<?> type = method.equals("byContent") ? Path.class : method.equals("fileByContent") ? File.class : Path.class;
		KeyedParameters parameters = KeyedParameters.of(Inputs.class.getMethod(method, type));
		return this.hasher.hash(parameters, new Object[] { argument })[0];
	}

	@Test
	void aContentParameterIsKeyedByWhatTheFileHoldsNotItsName() throws Exception {
		Path first = Files.writeString(this.directory.resolve("a.csv"), "1,2,3");
		Path second = Files.writeString(this.directory.resolve("b.csv"), "1,2,3");
		assertThat(keyOf("byContent", first)).isEqualTo(keyOf("byContent", second));
		assertThat(keyOf("fileByContent", first.toFile())).isEqualTo(keyOf("byContent", first));
		byte[] before = keyOf("byContent", first);
		Files.writeString(first, "1,2,4");
		Files.setLastModifiedTime(first, FileTime.from(Instant.now().plusSeconds(5)));
		assertThat(keyOf("byContent", first)).isNotEqualTo(before);
	}

	@Test
	void aDirectoryIsKeyedByItsTreeOfContents() throws Exception {
		Path tree = Files.createDirectories(this.directory.resolve("data/nested"));
		Files.writeString(tree.resolve("x.txt"), "x");
		byte[] before = keyOf("byContent", this.directory.resolve("data"));
		assertThat(keyOf("byContent", this.directory.resolve("data"))).isEqualTo(before);
		Files.writeString(tree.resolve("y.txt"), "y");
		assertThat(keyOf("byContent", this.directory.resolve("data"))).isNotEqualTo(before);
	}

	@Test
	void anUnannotatedPathIsKeyedByItsNormalizedName() throws Exception {
		Path file = Files.writeString(this.directory.resolve("a.csv"), "1");
		byte[] before = keyOf("byName", file);
		Files.writeString(file, "2");
		assertThat(keyOf("byName", file)).isEqualTo(before);
		assertThat(keyOf("byName", this.directory.resolve("./a.csv"))).isEqualTo(before);
	}

	@Test
	void aMissingFileIsAClearErrorNamingTheParameterAndPath() {
		Path missing = this.directory.resolve("missing.csv");
		assertThatExceptionOfType(CheckpointException.class).isThrownBy(() -> keyOf("byContent", missing))
			.withMessageContaining("argument 0 'input'")
			.withMessageContaining(missing.toString())
			.withMessageContaining("does not exist");
	}

	public static class Inputs {

		public int byContent(@Checkpoint.Content Path input) {
			return 0;
		}

		public int fileByContent(@Checkpoint.Content File input) {
			return 0;
		}

		public int byName(Path input) {
			return 0;
		}

	}

}
