package io.checkpointing.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import javax.crypto.Mac;

import org.jspecify.annotations.Nullable;

/**
 * Passes an entry's bytes on while it computes their checksum, and their signature when one is
 * asked for: an entry is checksummed and signed as it is written, never held whole to be.
 */
final class ChecksummingOutputStream extends OutputStream implements ReservableOutput, LendingOutput {

	private final OutputStream out;

	private final CRC32C checksum = new CRC32C();

	private @Nullable Mac signature;

	private long count;

	/** What the last {@link #lend} handed out. */
	private @Nullable ByteBuffer lent;

	/** Lent when the stream below lends nothing itself. */
	private @Nullable ByteBuffer ownChunk;

	ChecksummingOutputStream(OutputStream out, @Nullable Mac signature) {
		this.out = out;
		this.signature = signature;
	}

	@Override
	public void write(int b) throws IOException {
		this.checksum.update(b);
		if (this.signature != null) {
			this.signature.update((byte) b);
		}
		this.out.write(b);
		this.count++;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.checksum.update(bytes, offset, length);
		if (this.signature != null) {
			this.signature.update(bytes, offset, length);
		}
		this.out.write(bytes, offset, length);
		this.count += length;
	}

	@Override
	public void reserve(long bytes) {
		if (this.out instanceof ReservableOutput reservable) {
			reservable.reserve(bytes);
		}
	}

	@Override
	public ByteBuffer lend(int bytes) throws IOException {
		ByteBuffer buffer;
		if (this.out instanceof LendingOutput lending) {
			buffer = lending.lend(bytes);
		}
		else {
			ByteBuffer chunk = this.ownChunk;
			if (chunk == null) {
				chunk = ByteBuffer.allocate(MAX_LENT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
				this.ownChunk = chunk;
			}
			buffer = chunk.clear();
		}
		this.lent = buffer;
		return buffer;
	}

	/** Checksums (and signs) the bytes in the lent buffer, then hands them on. */
	@Override
	public void written(int bytes) throws IOException {
		ByteBuffer buffer = this.lent;
		if (buffer == null) {
			throw new IllegalStateException("nothing was lent");
		}
		this.lent = null;
		ByteBuffer filled = buffer.duplicate().limit(buffer.position() + bytes);
		this.checksum.update(filled.duplicate());
		if (this.signature != null) {
			this.signature.update(filled.duplicate());
		}
		if (this.out instanceof LendingOutput lending) {
			lending.written(bytes);
		}
		else {
			this.out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), bytes);
		}
		this.count += bytes;
	}

	/** A serializer may flush; the stream is the backend's, which closes it. */
	@Override
	public void flush() throws IOException {
		this.out.flush();
	}

	@Override
	public void close() {
		// The backend's stream: the entry's writer does not close it.
	}

	/** @return how many bytes went through */
	long count() {
		return this.count;
	}

	/**
	 * @return the signature of every byte so far; later bytes are checksummed, not signed
	 */
	byte[] finishSignature() {
		Mac mac = this.signature;
		if (mac == null) {
			throw new IllegalStateException("this entry is not signed");
		}
		this.signature = null;
		return mac.doFinal();
	}

	/**
	 * Writes the checksum of every byte so far, as the entry's last four bytes.
	 */
	void writeChecksum() throws IOException {
		int value = (int) this.checksum.getValue();
		this.out.write(new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value });
		this.count += EntryTrailer.CHECKSUM_BYTES;
	}

}
