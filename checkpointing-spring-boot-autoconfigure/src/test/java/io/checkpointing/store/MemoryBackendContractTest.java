package io.checkpointing.store;

import io.checkpointing.key.CallKey;

/** The memory backend keeps the contract; its locks only need to cover this process. */
class MemoryBackendContractTest extends CacheBackendContract {

	/** A program holding the backend can only move bytes through its API. */
	@Override
	protected void copyEntry(CallKey from, CallKey to) throws Exception {
		backend().write(to, backend().read(from).orElseThrow());
	}

	@Override
	protected void renameEntry(CallKey from, CallKey to) throws Exception {
		copyEntry(from, to);
		backend().delete(from);
	}

	@Override
	protected CacheBackend createBackend() {
		return new MemoryBackend();
	}

	@Override
	protected boolean supportsSharedLocks() {
		return false;
	}

}
