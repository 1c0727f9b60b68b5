package io.checkpointing.store;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import io.checkpointing.key.CallKey;
import io.checkpointing.processes.ChildProcess;
import io.checkpointing.reliability.LockHolderProgram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sweeper removes: temporary files of dead writers and lock files of dead holders, never
 * those of live ones, and never an entry.
 */
class StoreSweeperTest {

	private static final CallKey KEY = CallKey.fromHex("ab" + "0".repeat(62));

	@TempDir
	Path directory;

	private FilesystemBackend backend() {
		return new FilesystemBackend(this.directory, Long.MAX_VALUE, Runnable::run);
	}

	@Test
	void aTemporaryFileNoOneHoldsIsRemovedWhenTheBackendIsFirstUsed() throws Exception {
		FilesystemBackend writer = backend();
		writer.write(KEY, FilesystemBackendTest.entry("x"));
		Path abandoned = Files.write(this.directory.resolve("ab/" + "0".repeat(62) + ".ckpt.1234.tmp"),
				FilesystemBackendTest.entry("half").array());
		assertThat(backend().read(KEY)).hasValue(FilesystemBackendTest.entry("x"));
		assertThat(abandoned).doesNotExist();
		assertThat(this.directory.resolve("ab/" + "0".repeat(62) + ".ckpt")).exists();
	}

	@Test
	void aTemporaryFileIsNeverReadOrListedAsAnEntry() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.directory, Long.MAX_VALUE, (task) -> {
		});
		Files.createDirectories(this.directory.resolve("ab"));
		Files.write(this.directory.resolve("ab/" + "0".repeat(62) + ".ckpt.1234.tmp"),
				FilesystemBackendTest.entry("complete but not moved").array());
		assertThat(backend.read(KEY)).isEmpty();
		try (var listed = backend.list()) {
			assertThat(listed).isEmpty();
		}
	}

	@Tag("process")
	@Test
	void aTemporaryFileALiveWriterHoldsIsKeptUntilItIsOld() throws Exception {
		Files.createDirectories(this.directory.resolve("ab"));
		Path temporary = this.directory.resolve("ab/" + "0".repeat(62) + ".ckpt.5678.tmp");
		try (ChildProcess writer = ChildProcess.java(LockHolderProgram.class, "file", temporary.toString())) {
			writer.awaitLine("locked");
			assertThat(backend().sweep().abandonedRemoved()).isZero();
			assertThat(temporary).exists();
			Files.setLastModifiedTime(temporary,
					FileTime.from(Instant.now().minus(StoreSweeper.ABANDONED_AGE).minusSeconds(60)));
			assertThat(backend().sweep().abandonedRemoved()).as("a writer that wrote nothing for an hour is stuck")
				.isOne();
			assertThat(temporary).doesNotExist();
		}
	}

	@Tag("process")
	@Test
	void theLockFileOfAKilledHolderIsRemovedAndTheKeyCanBeLockedAtOnce() throws Exception {
		Path lockFile = this.directory.resolve("ab/" + "0".repeat(62) + ".lock");
		try (ChildProcess holder = ChildProcess.java(LockHolderProgram.class, "key", this.directory.toString(), KEY.hex())) {
			holder.awaitLine("locked");
			assertThat(backend().tryLock(KEY)).as("held by the other process").isEmpty();
			assertThat((LockedFiles.holder(lockFile) != null)).as("a failed attempt leaves no claim").isFalse();
			assertThat(backend().sweep().abandonedRemoved()).isZero();
			assertThat(lockFile).exists();
			holder.kill();
		}
		Optional<KeyLock> lock = backend().tryLock(KEY);
		assertThat(lock).as("the kernel released the dead holder's lock").isPresent();
		lock.get().close();
		assertThat(lockFile).as("deleted by its holder on release").doesNotExist();
	}

	@Tag("process")
	@Test
	void aLockFileLeftUnheldIsRemovedButOneHeldHereIsNotOpened() throws Exception {
		FilesystemBackend backend = backend();
		Optional<KeyLock> held = backend.tryLock(KEY);
		assertThat(held).isPresent();
		CallKey other = CallKey.fromHex("cd" + "0".repeat(62));
		Path left = Files.createFile(Files.createDirectories(this.directory.resolve("cd")).resolve("0".repeat(62) + ".lock"));
		assertThat(backend.sweep().abandonedRemoved()).isOne();
		assertThat(left).doesNotExist();
		// Had the sweep opened and closed our lock file, the kernel would have dropped our lock.
		try (ChildProcess otherProcess = ChildProcess.java(LockHolderProgram.class, "key", this.directory.toString(),
				KEY.hex())) {
			assertThat(otherProcess.nextLine()).isEqualTo("busy");
		}
		held.get().close();
		assertThat(backend.tryLock(other)).isPresent();
	}

	@Test
	void writesWhileSweepsRunKeepTheirTemporaryFiles() throws Exception {
		FilesystemBackend backend = backend();
		ByteBuffer entry = FilesystemBackendTest.entry("x".repeat(100_000));
		java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread sweeps = new Thread(() -> {
			while (writing.get()) {
				backend.sweep();
			}
		});
		sweeps.start();
		try {
			for (int i = 0; i < 300; i++) {
				backend.write(KEY, entry);
			}
		}
		finally {
			writing.set(false);
			sweeps.join();
		}
		assertThat(backend.read(KEY)).hasValue(entry);
	}

}
