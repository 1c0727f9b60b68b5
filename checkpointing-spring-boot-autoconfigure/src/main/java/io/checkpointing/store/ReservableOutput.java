package io.checkpointing.store;

/**
 * An output that can make room for bytes about to be written. A serializer that knows the size
 * of a large payload before writing it (raw array blocks) reserves it, so the payload is copied
 * into the entry once instead of through a buffer that doubles as it fills.
 */
public interface ReservableOutput {

	/**
	 * @param bytes how many more bytes are about to be written; a hint, never a limit
	 */
	void reserve(long bytes);

}
