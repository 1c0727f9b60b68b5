package io.checkpointing.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.checkpointing.key.CallKey;
import io.checkpointing.processes.ChildProcess;
import io.checkpointing.reliability.LockHolderProgram;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filesystem backend keeps the contract. Its key locks are file locks, so a holder that dies
 * is a child JVM killed with SIGKILL: the operating system drops its lock.
 */
class FilesystemBackendContractTest extends CacheBackendContract {

	@TempDir
	Path directory;

	private Path checkpoints() {
		return this.directory.resolve("checkpoints");
	}

	@Override
	protected CacheBackend createBackend() {
		return new FilesystemBackend(checkpoints());
	}

	@Override
	protected void destroyBackend(CacheBackend backend) throws Exception {
		((FilesystemBackend) backend).close();
	}

	@Override
	protected void copyEntry(CallKey from, CallKey to) throws Exception {
		Files.copy(fileOf(from), fileOf(to), StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	protected void renameEntry(CallKey from, CallKey to) throws Exception {
		Files.createDirectories(fileOf(to).getParent());
		Files.move(fileOf(from), fileOf(to));
	}

	private Path fileOf(CallKey key) {
		String hex = key.hex();
		return checkpoints().resolve(hex.substring(0, 2)).resolve(hex.substring(2) + FilesystemBackend.SUFFIX);
	}

	@Override
	protected AutoCloseable lockAndDie(CallKey key) throws Exception {
		ChildProcess holder = ChildProcess.java(LockHolderProgram.class, "key", checkpoints().toString(), key.hex());
		holder.awaitLine("locked");
		return holder::kill;
	}

}
