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
 * <p>
 * An entry announced ({@link #reserve}) to reach {@value #ALIGNED_WRITE_BYTES} bytes goes to the
 * file in pieces of that size that start at multiples of it. Linux then keeps the file in huge
 * pages of its page cache, and a mapping of it (a hit, see {@link EntryFiles#open}) faults in
 * 2 MB at a time: mapping and checksumming a 100 MB entry took 5 ms, against 45–95 ms for one
 * written in pieces of 8 KB to 1 MB (ext4, Linux 6.18).
 */
final class FileEntryOutput extends OutputStream implements LendingOutput, ReservableOutput {

	private static final int STAGING_BYTES = 8 * 1024;

	/** The size and alignment of the writes of a large entry: a huge page. */
	static final int ALIGNED_WRITE_BYTES = 2 * 1024 * 1024;

	private final FileChannel channel;

	private final SizeLimit limit;

	private final Path directory;

	private final ByteBuffer staging = ByteBuffer.allocate(STAGING_BYTES);

	/** Lent to serializers of large arrays, which fill it in place: allocated on the first loan. */
	private @Nullable ByteBuffer lent;

	/**
	 * For a large entry, from its reservation on: every byte passes through it, is lent from it,
	 * and leaves it in aligned pieces. Room for one more loan past a piece, so a loan never waits.
	 */
	private @Nullable ByteBuffer aligned;

	private long count;

	/** The bytes written to the file so far. */
	private long inFile;

	private @Nullable IOException fileFailure;

	FileEntryOutput(FileChannel channel, SizeLimit limit, Path directory) {
		this.channel = channel;
		this.limit = limit;
		this.directory = directory;
	}

	@Override
	public void reserve(long bytes) {
		if (this.aligned == null && this.count + bytes >= ALIGNED_WRITE_BYTES) {
			this.aligned = ByteBuffer.allocateDirect(ALIGNED_WRITE_BYTES + MAX_LENT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
		}
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
		toFile(ByteBuffer.wrap(bytes, offset, length));
	}

	@Override
	public ByteBuffer lend(int bytes) throws IOException {
		drain();
		if (this.aligned != null) {
			// Its position is where the loan starts; there is always room for MAX_LENT_BYTES after it.
			return this.aligned;
		}
		ByteBuffer buffer = this.lent;
		if (buffer == null) {
			buffer = ByteBuffer.allocateDirect(MAX_LENT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
			this.lent = buffer;
		}
		return buffer.clear();
	}

	@Override
	public void written(int bytes) throws IOException {
		grow(bytes);
		ByteBuffer gathering = this.aligned;
		if (gathering != null) {
			gathering.position(gathering.position() + bytes);
			writeFullPiece(gathering);
			return;
		}
		ByteBuffer buffer = this.lent;
		if (buffer == null) {
			throw new IllegalStateException("nothing was lent");
		}
		writeFully(buffer.clear().limit(bytes));
	}

	/**
	 * Passes what is staged on: to the file, or for a large entry to its next aligned piece, which
	 * goes out when it is full or at {@link #finish}.
	 */
	@Override
	public void flush() throws IOException {
		drain();
	}

	/** Writes every byte still held to the file: the end of the entry. */
	void finish() throws IOException {
		drain();
		ByteBuffer gathering = this.aligned;
		if (gathering != null) {
			writeFully(gathering.flip());
			gathering.clear();
		}
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
			toFile(this.staging);
		}
		finally {
			this.staging.clear();
		}
	}

	/** Writes bytes to the file, or for a large entry gathers them into aligned pieces. */
	private void toFile(ByteBuffer bytes) throws IOException {
		ByteBuffer gathering = this.aligned;
		if (gathering == null) {
			writeFully(bytes);
			return;
		}
		while (bytes.hasRemaining()) {
			int take = Math.min(bytes.remaining(), untilBoundary() - gathering.position());
			gathering.put(bytes.slice(bytes.position(), take));
			bytes.position(bytes.position() + take);
			writeFullPiece(gathering);
		}
	}

	/** Writes the gathered bytes up to the next aligned offset of the file, once there are as many. */
	private void writeFullPiece(ByteBuffer gathering) throws IOException {
		int piece = untilBoundary();
		if (gathering.position() < piece) {
			return;
		}
		gathering.flip();
		writeFully(gathering.duplicate().limit(piece));
		// What a loan wrote past the piece starts the next one.
		gathering.position(piece);
		gathering.compact();
	}

	/** @return how many bytes the file lacks to reach its next aligned offset */
	private int untilBoundary() {
		return (int) (ALIGNED_WRITE_BYTES - this.inFile % ALIGNED_WRITE_BYTES);
	}

	private void writeFully(ByteBuffer bytes) throws IOException {
		try {
			while (bytes.hasRemaining()) {
				this.inFile += this.channel.write(bytes);
			}
		}
		catch (IOException ex) {
			this.fileFailure = ex;
			throw ex;
		}
	}

}
