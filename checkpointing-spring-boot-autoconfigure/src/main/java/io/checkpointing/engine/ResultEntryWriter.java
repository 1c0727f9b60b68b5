package io.checkpointing.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.EntrySigner;
import io.checkpointing.store.EntryWriter;
import io.checkpointing.store.LendingOutput;
import io.checkpointing.store.ReservableOutput;
import org.jspecify.annotations.Nullable;

/**
 * Writes the entry of a result into the stream of a backend, serialized as it goes. A copy is
 * kept only while the entry is small enough to be read back or held by the memory tier: a large
 * result is never held twice in the heap.
 */
final class ResultEntryWriter implements EntryWriter {

	private final CallKey key;

	private final EntryHeader header;

	private final EntryFormat.PayloadWriter payload;

	private final @Nullable EntrySigner signer;

	private final long keepUpTo;

	private long size = -1;

	private @Nullable KeptCopy kept;

	/**
	 * @param keepUpTo the largest entry, in bytes, of which a copy is kept; 0 for none
	 */
	ResultEntryWriter(CallKey key, EntryHeader header, EntryFormat.PayloadWriter payload, @Nullable EntrySigner signer,
			long keepUpTo) {
		this.key = key;
		this.header = header;
		this.payload = payload;
		this.signer = signer;
		this.keepUpTo = keepUpTo;
	}

	@Override
	public void writeTo(OutputStream out) throws IOException {
		KeptCopy copy = (this.keepUpTo > 0) ? new KeptCopy(out, this.keepUpTo) : null;
		this.size = EntryFormat.write((copy != null) ? copy : out, this.key, this.header, this.payload, this.signer);
		this.kept = copy;
	}

	/** @return the entry's size in bytes, once written */
	long size() {
		return this.size;
	}

	/** @return a copy of the entry written, or {@code null} if it was larger than asked for */
	@Nullable ByteBuffer kept() {
		return (this.kept != null) ? this.kept.bytes() : null;
	}

	/**
	 * Passes every byte on, and copies them while there are at most as many as its limit. A
	 * reservation past the limit drops the copy at once and goes on to the backend's stream, and
	 * so do loans once there is no copy: a large entry reaches the file as it would without a copy
	 * kept (in the filesystem's aligned pieces, its arrays copied once, into the lent buffer).
	 */
	private static final class KeptCopy extends OutputStream implements ReservableOutput, LendingOutput {

		private final OutputStream out;

		private final long limit;

		private @Nullable ByteArrayOutputStream copy = new ByteArrayOutputStream();

		/** Lent while there is a copy, so that the lent bytes are copied too. */
		private @Nullable ByteBuffer ownChunk;

		/** Whether the last loan was the backend stream's. */
		private boolean lentByOut;

		KeptCopy(OutputStream out, long limit) {
			this.out = out;
			this.limit = limit;
		}

		@Override
		public void reserve(long bytes) {
			ByteArrayOutputStream copied = this.copy;
			if (copied != null && copied.size() + bytes > this.limit) {
				this.copy = null;
			}
			if (this.out instanceof ReservableOutput reservable) {
				reservable.reserve(bytes);
			}
		}

		@Override
		public ByteBuffer lend(int bytes) throws IOException {
			if (this.copy == null && this.out instanceof LendingOutput lending) {
				this.lentByOut = true;
				return lending.lend(bytes);
			}
			ByteBuffer chunk = this.ownChunk;
			if (chunk == null) {
				chunk = ByteBuffer.allocate(MAX_LENT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
				this.ownChunk = chunk;
			}
			return chunk.clear();
		}

		@Override
		public void written(int bytes) throws IOException {
			if (this.lentByOut) {
				this.lentByOut = false;
				((LendingOutput) this.out).written(bytes);
				return;
			}
			ByteBuffer chunk = this.ownChunk;
			if (chunk == null) {
				throw new IllegalStateException("nothing was lent");
			}
			write(chunk.array(), chunk.arrayOffset(), bytes);
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			ByteArrayOutputStream bytes = this.copy;
			if (bytes != null) {
				bytes.write(b);
				dropIfOver(bytes);
			}
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
			ByteArrayOutputStream copied = this.copy;
			if (copied != null && copied.size() + (long) length <= this.limit) {
				copied.write(bytes, offset, length);
			}
			else {
				this.copy = null;
			}
		}

		@Override
		public void flush() throws IOException {
			this.out.flush();
		}

		private void dropIfOver(ByteArrayOutputStream bytes) {
			if (bytes.size() > this.limit) {
				this.copy = null;
			}
		}

		@Nullable ByteBuffer bytes() {
			return (this.copy != null) ? ByteBuffer.wrap(this.copy.toByteArray()) : null;
		}

	}

}
