package io.checkpointing.store;

/**
 * A stream that knows how many bytes it has left before they are read, such as an entry's
 * payload whose backend told the entry's size: a reader can check the lengths a payload claims
 * against it before it allocates anything of their size.
 */
public interface KnownRemaining {

	/**
	 * @return how many bytes are left to read, or -1 if that is not known
	 */
	long remainingBytes();

}
