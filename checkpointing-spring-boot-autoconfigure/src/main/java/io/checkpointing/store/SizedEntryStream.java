package io.checkpointing.store;

/**
 * A stream of an entry whose size its backend knew before the first byte was read (S3's
 * {@code Content-Length}, a row's length): a reader can decide from it what to do with the whole
 * entry, such as not copying one that is too large to keep, without reading it.
 */
public interface SizedEntryStream {

	/**
	 * @return the whole entry's size in bytes
	 */
	long entrySize();

}
