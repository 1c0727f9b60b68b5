package io.checkpointing.store;

import java.nio.file.Path;

import io.checkpointing.key.CallKey;
import io.checkpointing.reliability.ChildJvm;
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
	protected AutoCloseable lockAndDie(CallKey key) throws Exception {
		ChildJvm holder = ChildJvm.start(LockHolderProgram.class, "key", checkpoints().toString(), key.hex());
		holder.awaitLine("locked");
		return holder::kill;
	}

}
