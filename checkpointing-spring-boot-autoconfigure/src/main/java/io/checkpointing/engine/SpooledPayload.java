package io.checkpointing.engine;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.checkpointing.store.KnownRemaining;

/**
 * A payload read back from the file it was spooled to while its signature was checked. It tells
 * how many bytes are left, as the store's own streams do, so that a serializer checks the lengths
 * the payload claims against the file before it allocates anything of their size, and reads each
 * large array into one allocation instead of growing it.
 */
final class SpooledPayload extends FilterInputStream implements KnownRemaining {

	private long remaining;

	SpooledPayload(Path file) throws IOException {
		super(new BufferedInputStream(Files.newInputStream(file)));
		this.remaining = Files.size(file);
	}

	@Override
	public int read() throws IOException {
		int read = super.read();
		if (read >= 0) {
			this.remaining--;
		}
		return read;
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		int read = super.read(target, offset, length);
		if (read > 0) {
			this.remaining -= read;
		}
		return read;
	}

	@Override
	public long skip(long count) throws IOException {
		long skipped = super.skip(count);
		this.remaining -= skipped;
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false; // a reset would undo reads the count has taken off
	}

	@Override
	public long remainingBytes() {
		return this.remaining;
	}

}
