package io.checkpointing.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An entry encoded in the heap ({@link EntryFormat#encode}): hands its buffer over without the
 * copy of {@link #toByteArray()}, and makes room for large payloads at once.
 */
final class EntryBuffer extends ByteArrayOutputStream implements ReservableOutput {

	/** The trailer follows the payload: room for it saves a copy of the whole entry. */
	private static final int TRAILER_ROOM = EntryTrailer.length(EntryHeaders.FLAG_SIGNED);

	private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

	EntryBuffer() {
		super(256);
	}

	@Override
	public void reserve(long bytes) {
		long wanted = requireRoom(bytes + TRAILER_ROOM);
		if (wanted > this.buf.length) {
			this.buf = Arrays.copyOf(this.buf, (int) wanted);
		}
	}

	@Override
	public synchronized void write(int b) {
		requireRoom(1);
		super.write(b);
	}

	@Override
	public synchronized void write(byte[] b, int off, int len) {
		requireRoom(len);
		super.write(b, off, len);
	}

	/**
	 * An entry in the heap lives in one array: past 2 GB the JVM would throw an
	 * {@link OutOfMemoryError}, which is no reason to fail the method whose result this is.
	 */
	private long requireRoom(long bytes) {
		long wanted = this.count + bytes;
		if (wanted > MAX_ARRAY) {
			throw new UncheckedIOException(new IOException("the entry would be larger than 2 GB, which cannot be held"
					+ " in memory"));
		}
		return wanted;
	}

	ByteBuffer toByteBuffer() {
		return ByteBuffer.wrap(this.buf, 0, this.count);
	}

}
