package io.checkpointing.store;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An entry written to a temporary file before it is sent to PostgreSQL: the driver needs the
 * entry's length before its first byte, and an input stream, where the entry's writer produces
 * an output stream of unknown length. The file is the platform's temporary file (owner-only on
 * POSIX file systems), deleted when this is closed.
 */
final class JdbcSpool implements AutoCloseable {

	/** PostgreSQL stores at most 1 GB in a value. */
	static final long MAX_ENTRY_BYTES = (1L << 30) - 1;

	private static final int BUFFER_BYTES = 64 * 1024;

	private final Path file;

	private final long size;

	private JdbcSpool(Path file, long size) {
		this.file = file;
		this.size = size;
	}

	/**
	 * @return the entry the writer wrote, in a temporary file
	 * @throws IOException if it cannot be written, or is larger than PostgreSQL stores
	 */
	static JdbcSpool of(EntryWriter entry, String location) throws IOException {
		Path file = Files.createTempFile("checkpointing-entry-", ".tmp");
		try {
			LimitedOutput out = new LimitedOutput(new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES), location);
			try (out) {
				entry.writeTo(out);
			}
			return new JdbcSpool(file, out.count);
		}
		catch (IOException | RuntimeException | Error ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
	}

	long size() {
		return this.size;
	}

	/** @return the entry's first bytes that hold its header */
	byte[] head() throws IOException {
		try (InputStream in = open()) {
			byte[] start = in.readNBytes((int) Math.min(this.size, 4096));
			int length = JdbcRows.headLength(ByteBuffer.wrap(start), this.size);
			if (length <= start.length) {
				return java.util.Arrays.copyOf(start, length);
			}
			byte[] head = java.util.Arrays.copyOf(start, length);
			in.readNBytes(head, start.length, length - start.length);
			return head;
		}
	}

	InputStream open() throws IOException {
		return Files.newInputStream(this.file);
	}

	@Override
	public void close() throws IOException {
		Files.deleteIfExists(this.file);
	}

	/** Fails as soon as the entry grows past what PostgreSQL stores, not once it is written whole. */
	private static final class LimitedOutput extends FilterOutputStream {

		private final String location;

		private long count;

		LimitedOutput(OutputStream out, String location) {
			super(out);
			this.location = location;
		}

		@Override
		public void write(int b) throws IOException {
			grow(1);
			this.out.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			grow(length);
			this.out.write(bytes, offset, length);
		}

		private void grow(int length) throws IOException {
			this.count += length;
			if (this.count > MAX_ENTRY_BYTES) {
				throw new IOException("the entry is larger than the 1 GB PostgreSQL stores in a value, so it is not stored in "
						+ this.location);
			}
		}

	}

}
