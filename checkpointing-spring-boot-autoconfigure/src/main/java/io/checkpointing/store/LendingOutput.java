package io.checkpointing.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An output that lends its own buffer to be filled in place: a serializer copies a large array
 * into it once, instead of into a chunk of its own that the output then copies again. The file
 * backend lends a direct buffer that goes to the file as it is.
 */
public interface LendingOutput {

	/** The most bytes one {@link #lend} hands out. */
	int MAX_LENT_BYTES = 256 * 1024;

	/**
	 * @param bytes how many bytes are about to be written, at most {@link #MAX_LENT_BYTES}
	 * @return a little-endian buffer whose {@code bytes} bytes from its position are to be filled
	 * (its position is not to be moved), valid until {@link #written}
	 * @throws IOException if earlier bytes cannot be written out to make room
	 */
	ByteBuffer lend(int bytes) throws IOException;

	/**
	 * Takes the lent bytes as written.
	 * @param bytes how many were filled: as many as were asked for
	 * @throws IOException if they cannot be written
	 */
	void written(int bytes) throws IOException;

}
