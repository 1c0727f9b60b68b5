package io.checkpointing.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The payload of an entry read from a stream: every byte but the last {@code trailerLength},
 * which it holds back, unread by the serializer, for the entry's checks. Each byte it hands out
 * goes to a consumer first (the checksum).
 */
final class PayloadStream extends InputStream implements KnownRemaining {

	private static final int BUFFER_BYTES = 256 * 1024;

	private final InputStream in;

	private final int trailerLength;

	private final Consumer consumer;

	private final byte[] buffer;

	private int start;

	private int end;

	private boolean ended;

	private long released;

	/** The payload's length as the entry's size tells it, or -1 if it is not known. */
	private final long length;

	PayloadStream(InputStream in, int trailerLength, long length, Consumer consumer) {
		this.in = in;
		this.length = length;
		this.trailerLength = trailerLength;
		this.consumer = consumer;
		this.buffer = new byte[BUFFER_BYTES + trailerLength];
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : Byte.toUnsignedInt(one[0]);
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		int ready = fill();
		if (ready <= 0) {
			return -1;
		}
		int count = Math.min(length, ready);
		System.arraycopy(this.buffer, this.start, target, offset, count);
		this.consumer.accept(this.buffer, this.start, count);
		this.start += count;
		this.released += count;
		return count;
	}

	@Override
	public int available() {
		return Math.max(0, this.end - this.start - this.trailerLength);
	}

	@Override
	public long remainingBytes() {
		return (this.length < 0) ? -1 : Math.max(0, this.length - this.released);
	}

	/** Reads the payload to its end, unused: the checks need every byte. */
	void skipRest() throws IOException {
		for (int ready = fill(); ready > 0; ready = fill()) {
			this.consumer.accept(this.buffer, this.start, ready);
			this.start += ready;
			this.released += ready;
		}
	}

	/** @return how many payload bytes were handed out */
	long released() {
		return this.released;
	}

	/**
	 * @return the bytes after the payload, once it was read to its end; {@code null} if the
	 * stream ended before there were as many as a trailer has
	 */
	byte @Nullable [] trailer() {
		if (!this.ended || this.end - this.start != this.trailerLength) {
			return null;
		}
		return Arrays.copyOfRange(this.buffer, this.start, this.end);
	}

	/** @return how many bytes can be handed out now; 0 or less once only the trailer is left */
	private int fill() throws IOException {
		while (!this.ended && this.end - this.start <= this.trailerLength) {
			if (this.end == this.buffer.length) {
				System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
				this.end -= this.start;
				this.start = 0;
			}
			int read = this.in.read(this.buffer, this.end, this.buffer.length - this.end);
			if (read < 0) {
				this.ended = true;
			}
			else {
				this.end += read;
			}
		}
		return this.end - this.start - this.trailerLength;
	}

	/** Receives the payload's bytes as they are handed out. */
	@FunctionalInterface
	interface Consumer {

		void accept(byte[] bytes, int offset, int length);

	}

}
