package io.checkpointing.store;

import java.io.IOException;

/**
 * The right to compute one key, held by this process across every process that shares a
 * store, until it is closed. A holder that dies loses it: the operating system drops a file
 * lock, a database drops a session lock, and a lease in Redis expires.
 */
public interface KeyLock extends AutoCloseable {

	/**
	 * The lock of a store that only this process uses: nothing to hold, nothing to release.
	 */
	KeyLock UNSHARED = () -> {
	};

	/**
	 * Releases the lock. Releasing a lock that was already lost (an expired lease) does nothing.
	 * @throws IOException if the store cannot be reached
	 */
	@Override
	void close() throws IOException;

}
