package io.checkpointing.store;

/**
 * The bytes after an entry's payload: what a writer knows only once the payload is written, so
 * that an entry is written front to back in one pass (see {@link EntryFormat}).
 */
final class EntryTrailer {

	static final int PAYLOAD_LENGTH_BYTES = Long.BYTES;

	static final int CHECKSUM_BYTES = Integer.BYTES;

	private EntryTrailer() {
	}

	/**
	 * @param flags the entry's flags
	 * @return how many bytes follow the payload: its length, the signature if signed, the checksum
	 */
	static int length(int flags) {
		return PAYLOAD_LENGTH_BYTES + (((flags & EntryHeaders.FLAG_SIGNED) != 0) ? EntrySigner.SIGNATURE_LENGTH : 0)
				+ CHECKSUM_BYTES;
	}

}
