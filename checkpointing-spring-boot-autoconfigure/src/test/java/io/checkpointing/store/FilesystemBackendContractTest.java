package io.checkpointing.store;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/**
 * The filesystem backend keeps the contract. Its lock covers only this process today; when it
 * takes a file lock, {@link #supportsSharedLocks()} becomes true and a dead holder is a killed
 * child JVM.
 */
class FilesystemBackendContractTest extends CacheBackendContract {

	@TempDir
	Path directory;

	@Override
	protected CacheBackend createBackend() {
		return new FilesystemBackend(this.directory.resolve("checkpoints"));
	}

	@Override
	protected boolean supportsSharedLocks() {
		return false;
	}

}
