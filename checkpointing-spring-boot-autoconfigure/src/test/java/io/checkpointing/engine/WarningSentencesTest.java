package io.checkpointing.engine;

import java.nio.file.Files;
import java.nio.file.Path;

import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Warnings are sentences: a store's message without a full stop gets one before the next sentence. */
@ExtendWith(OutputCaptureExtension.class)
class WarningSentencesTest {

	@TempDir
	Path directory;

	@Test
	void aStoresMessageEndsWithAFullStopBeforeWhatTheMethodDoes(CapturedOutput output) throws Throwable {
		Path file = Files.writeString(this.directory.resolve("file"), "not a directory");
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(file)).build();
		assertThat(new EngineCalls(engine).call(new Calculator(), "twice", 2)).isEqualTo(4);
		assertThat(output).contains("or remove the file. The method runs without checkpointing.")
			.doesNotContain("remove the file The method");
	}

	@Test
	void aMessageThatEndsASentenceKeepsItsOwnFullStop() {
		assertThat(CheckpointFailure.sentence("Disk full.")).isEqualTo("Disk full.");
		assertThat(CheckpointFailure.sentence("Not a directory")).isEqualTo("Not a directory.");
		assertThat(CheckpointFailure.sentence(null)).isEqualTo("null.");
	}

}
