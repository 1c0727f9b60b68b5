package io.checkpointing.store;

/**
 * The bytes stored for a key are not an intact entry of a format this version can read: a
 * truncated or bit-flipped file, a foreign file, or an entry written by a newer version.
 * Such an entry is a miss: it is deleted and computed again.
 */
public class DamagedEntryException extends Exception {

	private static final long serialVersionUID = 1L;

	public DamagedEntryException(String message) {
		super(message);
	}

}
