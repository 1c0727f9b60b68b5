package io.checkpointing.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.checkpointing.key.CallKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.checkpointing.store.FilesystemBackendTest.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The checkpoint directory may hold what is not ours: a user's model checkpoint that shares the
 * {@code .ckpt} extension, a folder or a link named like an entry, a FIFO. Clearing and evicting
 * never delete them, and a read never blocks on them nor follows them out of the directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForeignFilesTest {

	private static final String NAME = "0".repeat(62) + ".ckpt";

	/** {@code FilesystemBackendTest.entry} writes entries for this key. */
	private static final CallKey KEY = CallKey.fromHex("ab" + "0".repeat(62));

	@TempDir
	Path root;

	private final ExecutorService reader = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopReader() {
		this.reader.shutdownNow();
	}

	private Path directory() {
		return this.root.resolve("cache");
	}

	@Test
	void clearDeletesOurEntriesAndLeavesEveryForeignFileReportingThemOnce(CapturedOutput output) throws Exception {
		FilesystemBackend backend = new FilesystemBackend(directory());
		backend.write(KEY, entry("ours"));
		Path outside = Files.writeString(this.root.resolve("weights.bin"), "a user's file");
		Path topLevelModel = Files.writeString(directory().resolve("model.ckpt"), "a user's model");
		Path modelInAFolder = Files.writeString(directory().resolve("ab/model.ckpt"), "another model");
		Path foreignUnderAKeysName = Files.writeString(folder("cd").resolve(NAME), "PK\u0003\u0004 a zip file");
		Path folderNamedLikeAnEntry = Files.createDirectories(folder("ef").resolve(NAME));
		Files.writeString(folderNamedLikeAnEntry.resolve("inside.txt"), "kept");
		Path link = Files.createSymbolicLink(folder("12").resolve(NAME), outside);

		backend.clear();
		backend.clear();

		assertThat(backend.read(KEY)).isEmpty();
		assertThat(topLevelModel).hasContent("a user's model");
		assertThat(modelInAFolder).hasContent("another model");
		assertThat(foreignUnderAKeysName).exists();
		assertThat(folderNamedLikeAnEntry.resolve("inside.txt")).hasContent("kept");
		assertThat(link).isSymbolicLink();
		assertThat(outside).hasContent("a user's file");
		assertThat(output).containsOnlyOnce("Left 5 file(s) in the checkpoint directory " + directory());
		assertThat(output).contains(topLevelModel.toString(), modelInAFolder.toString(), link.toString());
	}

	@Test
	void evictingAKeyLeavesAFolderOrALinkAtItsPath() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(directory());
		Path folderNamedLikeAnEntry = Files.createDirectories(folder("ab").resolve(NAME));
		Files.writeString(folderNamedLikeAnEntry.resolve("inside.txt"), "kept");
		assertThat(backend.delete(KEY)).isFalse();
		assertThat(folderNamedLikeAnEntry.resolve("inside.txt")).exists();

		Files.delete(folderNamedLikeAnEntry.resolve("inside.txt"));
		Files.delete(folderNamedLikeAnEntry);
		Path outside = Files.writeString(this.root.resolve("weights.bin"), "a user's file");
		Path link = Files.createSymbolicLink(folder("ab").resolve(NAME), outside);
		assertThat(backend.delete(KEY)).isFalse();
		assertThat(link).isSymbolicLink();
	}

	@Test
	void aLinkAtAnEntrysPathIsNotFollowedEvenToAValidEntry() throws Exception {
		Path outside = Files.write(this.root.resolve("planted.ckpt"), bytes(entry("planted")));
		Files.createSymbolicLink(folder("ab").resolve(NAME), outside);
		assertThatExceptionOfType(NotAnEntryFileException.class)
			.isThrownBy(() -> new FilesystemBackend(directory()).read(KEY))
			.withMessageContaining("holds a symbolic link where an entry belongs");
	}

	@Test
	void aFolderLinkedOutOfTheDirectoryIsNeitherReadNorWrittenThrough() throws Exception {
		Path elsewhere = Files.createDirectories(this.root.resolve("elsewhere"));
		Files.write(elsewhere.resolve(NAME), bytes(entry("planted")));
		Files.createDirectories(directory());
		Files.createSymbolicLink(directory().resolve("ab"), elsewhere);
		FilesystemBackend backend = new FilesystemBackend(directory());
		assertThatExceptionOfType(NotAnEntryFileException.class).isThrownBy(() -> backend.read(KEY));
		assertThatExceptionOfType(NotAnEntryFileException.class).isThrownBy(() -> backend.write(KEY, entry("new")));
		assertThatExceptionOfType(NotAnEntryFileException.class).isThrownBy(() -> backend.tryLock(KEY));
		try (var files = Files.list(elsewhere)) {
			assertThat(files).containsExactly(elsewhere.resolve(NAME));
		}
	}

	@Test
	void aFifoAtAnEntrysPathDoesNotBlockAReadAndIsReplacedByTheNextWrite() throws Exception {
		Path fifo = folder("ab").resolve(NAME);
		run("mkfifo", fifo.toString());
		FilesystemBackend backend = new FilesystemBackend(directory());
		Future<?> read = this.reader.submit(() -> backend.read(KEY));
		try {
			assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
				.isThrownBy(() -> read.get(30, TimeUnit.SECONDS))
				.withCauseInstanceOf(NotAnEntryFileException.class)
				.withMessageContaining("holds a special file (a FIFO, a socket or a device) where an entry belongs");
		}
		finally {
			unblock(read, fifo);
		}
		backend.write(KEY, entry("computed"));
		assertThat(fifo).isRegularFile();
		assertThat(backend.read(KEY)).hasValue(entry("computed"));
	}

	@Test
	void aCallWhoseEntryIsAFifoReturnsItsResultWarnsAndStoresItAgain(CapturedOutput output) throws Throwable {
		io.checkpointing.engine.Calculator calculator = new io.checkpointing.engine.Calculator();
		io.checkpointing.engine.CheckpointEngine engine = io.checkpointing.engine.CheckpointEngine.builder()
			.backend(new FilesystemBackend(directory()))
			.build();
		io.checkpointing.engine.EngineCalls calls = new io.checkpointing.engine.EngineCalls(engine);
		calls.call(calculator, "twice", 21);
		Path entry;
		try (var files = Files.find(directory(), 2, (path, attributes) -> path.toString().endsWith(".ckpt"))) {
			entry = files.findFirst().orElseThrow();
		}
		Files.delete(entry);
		run("mkfifo", entry.toString());
		Future<?> call = this.reader.submit(() -> {
			try {
				return calls.call(calculator, "twice", 21);
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		});
		try {
			assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(42);
		}
		finally {
			unblock(call, entry);
		}
		assertThat(output).contains("holds a special file (a FIFO, a socket or a device) where an entry belongs");
		assertThat(entry).as("replaced by the result stored again").isRegularFile();
		assertThat(calls.call(calculator, "twice", 21)).isEqualTo(42);
	}

	@Test
	void aDeviceAtAnEntrysPathIsNotRead() throws Exception {
		Path device = folder("ab").resolve(NAME);
		// /dev/zero: a read of it would fill the heap; only root may create a device node.
		run("mknod", device.toString(), "c", "1", "5");
		assertThatExceptionOfType(NotAnEntryFileException.class)
			.isThrownBy(() -> new FilesystemBackend(directory()).read(KEY));
	}

	private Path folder(String name) throws IOException {
		return Files.createDirectories(directory().resolve(name));
	}

	/** A read blocked in opening the FIFO returns once a writer opens it. */
	private static void unblock(Future<?> read, Path fifo) throws Exception {
		try {
			read.get(0, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			try (var writer = Files.newOutputStream(fifo)) {
				// opening is enough
			}
		}
		catch (java.util.concurrent.ExecutionException ex) {
			// it did not block
		}
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).inheritIO().start();
		assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
	}

}
