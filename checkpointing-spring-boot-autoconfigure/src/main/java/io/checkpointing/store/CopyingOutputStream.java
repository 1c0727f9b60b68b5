package io.checkpointing.store;

import java.io.IOException;
import java.io.OutputStream;

import org.jspecify.annotations.Nullable;

/**
 * Writes an entry to the shared store and a copy to the local one. A failure of the shared
 * output fails the write; the local output is dropped at its first failure (a full disk, the
 * size limit) and the failure kept, so the shared store still receives the whole entry.
 */
final class CopyingOutputStream extends OutputStream {

	private final OutputStream shared;

	private @Nullable OutputStream local;

	private @Nullable IOException localFailure;

	CopyingOutputStream(OutputStream shared, OutputStream local) {
		this.shared = shared;
		this.local = local;
	}

	/** @return why the copy was dropped, or {@code null} if it holds every byte written */
	@Nullable IOException localFailure() {
		return this.localFailure;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.shared.write(bytes, offset, length);
		OutputStream copy = this.local;
		if (copy != null) {
			try {
				copy.write(bytes, offset, length);
			}
			catch (IOException ex) {
				dropLocal(ex);
			}
		}
	}

	@Override
	public void flush() throws IOException {
		this.shared.flush();
		OutputStream copy = this.local;
		if (copy != null) {
			try {
				copy.flush();
			}
			catch (IOException ex) {
				dropLocal(ex);
			}
		}
	}

	/** The backends close their own outputs. */
	@Override
	public void close() {
	}

	private void dropLocal(IOException failure) {
		this.local = null;
		this.localFailure = failure;
	}

}
