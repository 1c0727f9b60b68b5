package io.checkpointing.store;

/**
 * The bytes stored for a key are an entry of an earlier format version, written by an earlier
 * release. That is no damage and no one's error: such an entry is a miss like any other, to be
 * deleted (its key's new result replaces it) without counting an error or warning.
 */
public class OutdatedFormatException extends DamagedEntryException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param version the entry's format version
	 * @param current the version this release writes
	 */
	public OutdatedFormatException(int version, int current) {
		super("it was written in format version " + version + " by an earlier release; this version writes " + current);
	}

}
