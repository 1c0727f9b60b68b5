package io.checkpointing.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.EntrySigner;
import io.checkpointing.store.EntryWriter;
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

	/** Passes every byte on, and copies them while there are at most as many as its limit. */
	private static final class KeptCopy extends OutputStream {

		private final OutputStream out;

		private final long limit;

		private @Nullable ByteArrayOutputStream copy = new ByteArrayOutputStream();

		KeptCopy(OutputStream out, long limit) {
			this.out = out;
			this.limit = limit;
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
