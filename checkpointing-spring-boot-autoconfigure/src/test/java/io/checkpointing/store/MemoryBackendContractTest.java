package io.checkpointing.store;

/** The memory backend keeps the contract; its locks only need to cover this process. */
class MemoryBackendContractTest extends CacheBackendContract {

	@Override
	protected CacheBackend createBackend() {
		return new MemoryBackend();
	}

	@Override
	protected boolean supportsSharedLocks() {
		return false;
	}

}
