package io.checkpointing;

import java.util.Map;

/**
 * What {@link Checkpoints#pruneOldCode()} removed: the entries that earlier code of this
 * application's checkpointed methods left behind.
 * @param entries how many entries were removed
 * @param bytesReclaimed their size in the store, headers included, in bytes
 * @param entriesByMethod how many of them each method had, by display name
 */
public record Pruned(int entries, long bytesReclaimed, Map<String, Integer> entriesByMethod) {

	public Pruned {
		entriesByMethod = Map.copyOf(entriesByMethod);
	}

}
