package io.checkpointing.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Pruning the entries of old code, under {@code checkpointing.*}; a class of its own beside
 * {@link CheckpointingProperties}, which binds the same prefix.
 */
@ConfigurationProperties("checkpointing")
public class CheckpointingPruneProperties {

	/**
	 * Whether to remove, once the application has started, the entries that earlier code of its
	 * checkpointed methods left behind (as Checkpoints.pruneOldCode() does). Entries of methods
	 * this application does not have are kept.
	 */
	private boolean pruneOnStartup;

	public boolean isPruneOnStartup() {
		return this.pruneOnStartup;
	}

	public void setPruneOnStartup(boolean pruneOnStartup) {
		this.pruneOnStartup = pruneOnStartup;
	}

}
