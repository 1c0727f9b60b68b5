package io.checkpointing.store;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads a buffer from its position to its limit, advancing it; for decoding payloads without a copy. */
public final class ByteBufferInputStream extends InputStream implements KnownRemaining {

	private final ByteBuffer buffer;

	public ByteBufferInputStream(ByteBuffer buffer) {
		this.buffer = buffer;
	}

	@Override
	public int read() {
		return this.buffer.hasRemaining() ? Byte.toUnsignedInt(this.buffer.get()) : -1;
	}

	@Override
	public int read(byte[] target, int offset, int length) {
		if (length == 0) {
			return 0;
		}
		if (!this.buffer.hasRemaining()) {
			return -1;
		}
		int count = Math.min(length, this.buffer.remaining());
		this.buffer.get(target, offset, count);
		return count;
	}

	/**
	 * @return the bytes not read yet, as a buffer of their own: for a reader that decodes a
	 * buffer in place rather than a stream
	 */
	public ByteBuffer unread() {
		return this.buffer.slice();
	}

	@Override
	public long remainingBytes() {
		return this.buffer.remaining();
	}

	@Override
	public int available() {
		return this.buffer.remaining();
	}

}
