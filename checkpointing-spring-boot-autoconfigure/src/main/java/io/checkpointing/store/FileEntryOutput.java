package io.checkpointing.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The stream an entry is written into a file through: small writes are gathered, large ones go
 * to the file as they are (the JDK copies them through a direct buffer it keeps per thread), a
 * large array is copied once, into a direct buffer lent to its serializer, and
 * the entry is held to the store's size limit as it grows, so an
 * entry over the limit fails as soon as it passes it, not once it is written whole. A failure of
 * the file itself is remembered, to tell it from a failure of the entry's writer.
 */
final class FileEntryOutput extends OutputStream implements LendingOutput {

	private static final int STAGING_BYTES = 8 * 1024;

	private final FileChannel channel;

	private final SizeLimit limit;

	private final Path directory;

	private final ByteBuffer staging = ByteBuffer.allocate(STAGING_BYTES);

	/** Lent to serializers of large arrays, which fill it in place: allocated on the first loan. */
	private @Nullable ByteBuffer lent;

	private long count;

	private @Nullable IOException fileFailure;

	FileEntryOutput(FileChannel channel, SizeLimit limit, Path directory) {
		this.channel = channel;
		this.limit = limit;
		this.directory = directory;
	}

	@Override
	public void write(int b) throws IOException {
		grow(1);
		if (!this.staging.hasRemaining()) {
			drain();
		}
		this.staging.put((byte) b);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		grow(length);
		if (length <= this.staging.remaining()) {
			this.staging.put(bytes, offset, length);
			return;
		}
		drain();
		if (length < STAGING_BYTES) {
			this.staging.put(bytes, offset, length);
			return;
		}
		writeFully(ByteBuffer.wrap(bytes, offset, length));
	}

	@Override
	public ByteBuffer lend(int bytes) throws IOException {
		drain();
		ByteBuffer buffer = this.lent;
		if (buffer == null) {
			buffer = ByteBuffer.allocateDirect(MAX_LENT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
			this.lent = buffer;
		}
		return buffer.clear();
	}

	@Override
	public void written(int bytes) throws IOException {
		ByteBuffer buffer = this.lent;
		if (buffer == null) {
			throw new IllegalStateException("nothing was lent");
		}
		grow(bytes);
		writeFully(buffer.clear().limit(bytes));
	}

	/** Writes what is staged to the file. */
	@Override
	public void flush() throws IOException {
		drain();
	}

	/** @return the bytes written so far */
	long count() {
		return this.count;
	}

	/** @return whether this failure was the file's (a full disk, an I/O error), not the writer's */
	boolean isFileFailure(IOException failure) {
		return failure == this.fileFailure;
	}

	private void grow(int length) throws IOException {
		this.count += length;
		this.limit.requireFits(this.count, this.directory);
	}

	private void drain() throws IOException {
		this.staging.flip();
		try {
			writeFully(this.staging);
		}
		finally {
			this.staging.clear();
		}
	}

	private void writeFully(ByteBuffer bytes) throws IOException {
		try {
			while (bytes.hasRemaining()) {
				this.channel.write(bytes);
			}
		}
		catch (IOException ex) {
			this.fileFailure = ex;
			throw ex;
		}
	}

}
