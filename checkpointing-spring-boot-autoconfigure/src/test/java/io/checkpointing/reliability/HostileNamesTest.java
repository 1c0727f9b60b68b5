package io.checkpointing.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.EngineCalls;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A method's display name, its arguments and its results never become a file name: files are
 * named by the hex digits of the key alone, so nothing escapes the directory.
 */
class HostileNamesTest {

	@TempDir
	Path folder;

	@Test
	void namesThatClimbOrAreAbsoluteStayInsideTheDirectory() throws Throwable {
		Path directory = this.folder.resolve("inside/cache");
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(directory)).build();
		EngineCalls calls = new EngineCalls(engine);
		Texts texts = new Texts();
		calls.call(texts, "climbing", 1);
		calls.call(texts, "absolute", 1);
		calls.call(texts, "repeat", "../../../../etc/passwd", 1);
		calls.call(texts, "climbing", 1);
		calls.call(texts, "absolute", 1);
		assertThat(texts.runs()).as("stored and hit").isEqualTo(3);
		assertThat(engine.administration().entries()).extracting((entry) -> entry.header().methodName())
			.containsExactlyInAnyOrder("../../escaped", "/tmp/absolute", "Texts#repeat");
		List<Path> files = files(this.folder);
		assertThat(files).allSatisfy((file) -> assertThat(file.startsWith(directory)).as(file.toString()).isTrue());
		assertThat(files).filteredOn((file) -> !file.getFileName().toString().equals(".gitignore"))
			.allSatisfy((file) -> assertThat(directory.relativize(file).toString()).matches("[0-9a-f]{2}/[0-9a-f]{62}\\.ckpt"));
		assertThat(Path.of("/tmp/absolute")).doesNotExist();
	}

	private static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

}
