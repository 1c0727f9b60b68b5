package io.checkpointing.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.EngineCalls;
import io.checkpointing.processes.ChildProcess;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A full file system, a read-only one, and a directory the process may not use: the method's
 * result is returned (under {@code warn}) and the message names the directory. A directory that
 * is a file is covered by {@code CheckpointEngineTest}.
 */
@Tag("process")
@ExtendWith(OutputCaptureExtension.class)
class StorageFailuresTest {

	@TempDir
	Path folder;

	private final Texts texts = new Texts();

	private static EngineCalls calls(Path directory, OnError onError) {
		return new EngineCalls(
				CheckpointEngine.builder().backend(new FilesystemBackend(directory)).onError(onError).build());
	}

	@Test
	void aWriteThatRunsOutOfSpaceLeavesNoPartialFileAndTheResultIsReturned(CapturedOutput output) throws Throwable {
		try (TmpfsMount mount = TmpfsMount.mount(Files.createDirectory(this.folder.resolve("small")), "1m")) {
			Path directory = this.folder.resolve("small/cache");
			EngineCalls calls = calls(directory, OnError.WARN);
			assertThat((String) calls.call(this.texts, "repeat", "x", 2_000_000)).hasSize(2_000_000);
			assertThat(output).contains("cannot write to the checkpoint directory " + directory + ": No space left on device");
			assertThat(files(directory)).as("no partial entry, no temporary file").containsExactly(".gitignore");
			// The space the failed write took is free again: a small result is stored and then hit.
			calls.call(this.texts, "repeat", "y", 10);
			calls.call(this.texts, "repeat", "y", 10);
			assertThat(this.texts.runs()).isEqualTo(2);
		}
	}

	@Test
	void aFullFileSystemIsWarnedOnceNotOncePerCall(CapturedOutput output) throws Throwable {
		try (TmpfsMount mount = TmpfsMount.mount(Files.createDirectory(this.folder.resolve("small")), "1m")) {
			EngineCalls calls = calls(this.folder.resolve("small/cache"), OnError.WARN);
			calls.call(this.texts, "repeat", "x", 2_000_000);
			calls.call(this.texts, "repeat", "z", 2_000_000);
			assertThat(output.toString().lines().filter((line) -> line.contains("WARN") && line.contains("No space left")))
				.as("warnings")
				.hasSize(1);
		}
	}

	@Test
	void aReadOnlyDirectoryStillServesItsEntriesAndWritesFollowThePolicy(CapturedOutput output) throws Throwable {
		try (TmpfsMount mount = TmpfsMount.mount(Files.createDirectory(this.folder.resolve("ro")), "1m")) {
			Path directory = this.folder.resolve("ro/cache");
			calls(directory, OnError.WARN).call(this.texts, "repeat", "a", 3);
			mount.remountReadOnly();
			EngineCalls calls = calls(directory, OnError.WARN);
			assertThat(calls.call(this.texts, "repeat", "a", 3)).isEqualTo("aaa");
			assertThat(this.texts.runs()).as("a hit").isEqualTo(1);
			assertThat(calls.call(this.texts, "repeat", "b", 3)).isEqualTo("bbb");
			assertThat(this.texts.runs()).isEqualTo(2);
			assertThat(output).contains("the checkpoint directory " + directory + ": Read-only file system");
			calls.call(this.texts, "repeat", "d", 3);
			assertThat(output.toString().lines().filter((line) -> line.contains("WARN"))).as("one warning per cause")
				.hasSize(2)
				.anySatisfy((line) -> assertThat(line).contains("Cannot lock keys of Texts#repeat"))
				.anySatisfy((line) -> assertThat(line).contains("Cannot store the result of Texts#repeat"));
			assertThatExceptionOfType(CheckpointException.class)
				.isThrownBy(() -> calls(directory, OnError.RAISE).call(this.texts, "repeat", "c", 3))
				.withMessageContaining(directory.toString())
				.withMessageContaining("Read-only file system");
		}
	}

	@Test
	void aDirectoryTheUserMayNotUseFollowsThePolicyAndNamesThePathAndTheUser() throws Throwable {
		Path directory = this.folder.resolve("private");
		calls(directory, OnError.WARN).call(this.texts, "repeat", "ab", 2);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		// The test's folder must be open to the other user; the store's own directory is not.
		Files.setPosixFilePermissions(this.folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		String classPath = OtherUser.readableClassPath(Files.createDirectory(this.folder.resolve("classpath")));
		try (ChildProcess other = ChildProcess.jvm(UnwritableStoreProgram.class.getName())
			.prefix(OtherUser.command("nobody", "nogroup"))
			.classPath(classPath)
			.options("-Xmx256m")
			.arguments(directory.toString())
			.start()) {
			int status = other.awaitExit();
			List<String> lines = other.lines();
			if (lines.stream().anyMatch((line) -> line.contains("setpriv:"))) {
				TmpfsMount.skipUnlessRequired("Cannot run a JVM as user nobody with setpriv: " + lines);
			}
			assertThat(status).as(String.join("\n", lines)).isZero();
			assertThat(lines).contains("result: abab", "runs: 2");
			assertThat(String.join("\n", lines)).contains("cannot read from the checkpoint directory " + directory
					+ ": permission denied to user 'nobody'")
				.contains("the checkpoint directory " + directory);
		}
	}

	private static List<String> files(Path directory) throws IOException {
		List<String> names = new ArrayList<>();
		try (Stream<Path> files = Files.walk(directory)) {
			files.filter(Files::isRegularFile).forEach((file) -> names.add(directory.relativize(file).toString()));
		}
		return names;
	}

}
