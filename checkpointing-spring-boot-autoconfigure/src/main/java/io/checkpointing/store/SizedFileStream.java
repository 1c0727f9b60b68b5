package io.checkpointing.store;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * An entry's file read as a plain stream (too large for one mapped buffer, or where mapping is
 * not allowed) that tells the file's size, as the remote stores' streams tell theirs: a reader
 * then checks the lengths a payload claims against it and allocates each large array once.
 */
final class SizedFileStream extends FilterInputStream implements SizedEntryStream {

	private final long size;

	SizedFileStream(InputStream file, long size) {
		super(file);
		this.size = size;
	}

	@Override
	public long entrySize() {
		return this.size;
	}

}
