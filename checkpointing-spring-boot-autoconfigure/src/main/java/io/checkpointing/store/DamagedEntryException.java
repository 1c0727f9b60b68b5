package io.checkpointing.store;

/**
 * The bytes stored for a key are not an intact entry of a format this version can read, for
 * that key: a truncated or bit-flipped file, a foreign file, an entry written by a newer
 * version, or one written for another key. Such an entry is a miss: it is deleted and computed
 * again. An entry of an older version is the one kind that is not an error
 * ({@link OutdatedFormatException}).
 */
public class DamagedEntryException extends Exception {

	private static final long serialVersionUID = 1L;

	public DamagedEntryException(String message) {
		super(message);
	}

}
