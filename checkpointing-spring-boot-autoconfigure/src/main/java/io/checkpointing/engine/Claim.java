package io.checkpointing.engine;

import io.checkpointing.store.KeyLock;

/**
 * What a thread that missed a key gets from {@link MissCoordination}: the right to compute the
 * key, or the entry that another thread or process stored meanwhile.
 */
sealed interface Claim {

	/**
	 * Compute the key, holding this lock until the result is stored.
	 * @param lock the store's lock of the key; {@link KeyLock#UNSHARED} when this process computes
	 * without one (a store only it uses, a lock it could not take, or waited for in vain)
	 */
	record Compute(KeyLock lock) implements Claim {

	}

	/**
	 * Return this: the key was stored after the miss.
	 * @param stored what was stored
	 */
	record Found(Stored stored) implements Claim {

	}

}
