package io.checkpointing.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import io.checkpointing.key.KeyComponent;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the one entry format that every backend stores, so an entry can move
 * between backends as plain bytes.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "CKPT"
 *      4     2  format version
 *      6     2  flags: bit 0 set when a signature trails the payload; other bits reserved, 0
 *      8     4  header length: offset of the payload
 *     12     8  payload length
 *     20     4  CRC32C over every byte of the entry except these four
 *     24     …  serializer id, method name, created (epoch ms), compute duration (ns), argument summary,
 *               key components (count, then kind, name, 64-bit hash each)
 *  header     …  payload
 *       …    32  signed entries only: HMAC-SHA256 ({@link EntrySigner})
 * </pre>
 *
 * Integers are big-endian; strings are length-prefixed modified UTF-8. CRC32C runs at memory
 * speed with the JDK's intrinsic, catches every burst error up to 32 bits, and is the damage
 * check; it is not a defence against someone who can write the store.
 */
public final class EntryFormat {

	/** The format this version writes, and the newest it reads. */
	public static final int VERSION = 1;

	private static final int MAGIC = 0x434B5054; // "CKPT"

	static final int CHECKSUM_OFFSET = 20;

	static final int FIXED_HEADER = 24;

	private static final int FLAG_SIGNED = 1;

	private static final int MAX_SUMMARY_CHARS = 1000;

	private EntryFormat() {
	}

	/**
	 * Encodes an entry whose payload {@code payloadWriter} writes.
	 * @param header the header; its payload length is ignored and replaced by the real one
	 * @param payloadWriter writes the serialized result
	 * @return the whole entry, from position 0 to its limit
	 * @throws IOException if the payload writer fails
	 */
	public static ByteBuffer encode(EntryHeader header, PayloadWriter payloadWriter) throws IOException {
		return encode(header, payloadWriter, null);
	}

	/**
	 * Encodes an entry whose payload {@code payloadWriter} writes, signed if a signer is given.
	 * @param header the header; its payload length is ignored and replaced by the real one
	 * @param payloadWriter writes the serialized result
	 * @param signer signs the entry, or {@code null} to leave it unsigned
	 * @return the whole entry, from position 0 to its limit
	 * @throws IOException if the payload writer fails
	 */
	public static ByteBuffer encode(EntryHeader header, PayloadWriter payloadWriter, @Nullable EntrySigner signer)
			throws IOException {
		ExposedByteArrayOutputStream bytes = new ExposedByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		out.writeInt(MAGIC);
		out.writeShort(VERSION);
		out.writeShort(0);
		out.writeInt(0); // header length, patched below
		out.writeLong(0); // payload length, patched below
		out.writeInt(0); // checksum, patched below
		out.writeUTF(header.serializerId());
		out.writeUTF(truncate(header.methodName()));
		out.writeLong(header.created().toEpochMilli());
		out.writeLong(header.computeDuration().toNanos());
		out.writeUTF(truncate(header.argumentSummary()));
		out.writeShort(header.components().size());
		for (KeyComponent component : header.components()) {
			out.writeByte(component.kind().ordinal());
			out.writeUTF(truncate(component.name()));
			out.writeLong(component.hash());
		}
		out.flush();
		int headerLength = bytes.size();
		payloadWriter.writeTo(bytes);
		ByteBuffer entry = bytes.toByteBuffer();
		int payloadEnd = entry.limit();
		entry.putShort(6, (short) ((signer != null) ? FLAG_SIGNED : 0));
		entry.putInt(8, headerLength);
		entry.putLong(12, payloadEnd - headerLength);
		if (signer != null) {
			bytes.write(signer.sign(entry, payloadEnd));
			entry = bytes.toByteBuffer();
		}
		entry.putInt(CHECKSUM_OFFSET, checksum(entry));
		return entry;
	}

	/**
	 * Decodes and verifies an entry.
	 * @param entry the stored bytes, from its position to its limit
	 * @return the header and the payload
	 * @throws DamagedEntryException if the bytes are not an intact entry this version can read
	 */
	public static Entry decode(ByteBuffer entry) throws DamagedEntryException {
		return decode(entry, null);
	}

	/**
	 * Decodes and verifies an entry, and its signature if a signer is given. A signature is
	 * checked before the header is parsed, so nothing of an entry signed by someone else is read.
	 * @param entry the stored bytes, from its position to its limit
	 * @param signer the signer whose signature the entry must carry, or {@code null} to accept
	 * unsigned and signed entries alike
	 * @return the header and the payload
	 * @throws DamagedEntryException if the bytes are not an intact entry this version can read,
	 * or not signed by the signer
	 */
	public static Entry decode(ByteBuffer entry, @Nullable EntrySigner signer) throws DamagedEntryException {
		ByteBuffer bytes = entry.slice();
		if (bytes.remaining() < FIXED_HEADER || bytes.getInt(0) != MAGIC) {
			throw new DamagedEntryException("it is not a checkpoint entry (too short or no 'CKPT' magic)");
		}
		int version = Short.toUnsignedInt(bytes.getShort(4));
		if (version != VERSION) {
			throw new DamagedEntryException("it has format version " + version + ", this version reads " + VERSION);
		}
		int flags = Short.toUnsignedInt(bytes.getShort(6));
		if ((flags & ~FLAG_SIGNED) != 0) {
			throw new DamagedEntryException("it has flags " + flags + " that this version does not know");
		}
		boolean signed = (flags & FLAG_SIGNED) != 0;
		int payloadEnd = bytes.limit() - (signed ? EntrySigner.SIGNATURE_LENGTH : 0);
		int headerLength = bytes.getInt(8);
		long payloadLength = bytes.getLong(12);
		if (headerLength < FIXED_HEADER || headerLength > payloadEnd || payloadLength != payloadEnd - headerLength) {
			throw new DamagedEntryException("it is truncated or its lengths are damaged (" + bytes.limit() + " bytes)");
		}
		if (bytes.getInt(CHECKSUM_OFFSET) != checksum(bytes)) {
			throw new DamagedEntryException("its checksum does not match its content");
		}
		if (signer != null && !signed) {
			throw new DamagedEntryException("it is not signed, and checkpointing.signing.key requires every entry to be");
		}
		if (signer != null && !signer.verify(bytes, payloadEnd)) {
			throw new DamagedEntryException("its signature is not that of checkpointing.signing.key: it was written"
					+ " with another key, or forged");
		}
		EntryHeader header;
		try {
			header = readFields(new DataInputStream(new ByteBufferInputStream(bytes.slice(FIXED_HEADER, headerLength - FIXED_HEADER))),
					payloadLength);
		}
		catch (IOException | BufferUnderflowException ex) {
			throw new DamagedEntryException("its header cannot be read: " + ex);
		}
		return new Entry(header, bytes.slice(headerLength, (int) payloadLength));
	}

	/**
	 * Reads only the header of an entry, for listings. The checksum is not verified: that needs
	 * the whole entry.
	 * @param in the stream positioned at the entry's first byte
	 * @return the header
	 * @throws DamagedEntryException if the stream does not start with an entry header
	 * @throws IOException if reading fails
	 */
	public static EntryHeader readHeader(InputStream in) throws DamagedEntryException, IOException {
		DataInputStream data = new DataInputStream(in);
		try {
			if (data.readInt() != MAGIC) {
				throw new DamagedEntryException("it is not a checkpoint entry (no 'CKPT' magic)");
			}
			int version = data.readUnsignedShort();
			if (version != VERSION) {
				throw new DamagedEntryException("it has format version " + version + ", this version reads " + VERSION);
			}
			data.readUnsignedShort();
			data.readInt();
			long payloadLength = data.readLong();
			data.readInt();
			return readFields(data, payloadLength);
		}
		catch (java.io.EOFException ex) {
			throw new DamagedEntryException("it is truncated inside its header");
		}
	}

	private static EntryHeader readFields(DataInputStream in, long payloadLength) throws IOException {
		String serializerId = in.readUTF();
		String methodName = in.readUTF();
		Instant created = Instant.ofEpochMilli(in.readLong());
		Duration computeDuration = Duration.ofNanos(in.readLong());
		String argumentSummary = in.readUTF();
		int count = in.readUnsignedShort();
		List<KeyComponent> components = new ArrayList<>(count);
		KeyComponent.Kind[] kinds = KeyComponent.Kind.values();
		for (int i = 0; i < count; i++) {
			int kind = in.readUnsignedByte();
			if (kind >= kinds.length) {
				throw new IOException("unknown key component kind " + kind);
			}
			components.add(new KeyComponent(kinds[kind], in.readUTF(), in.readLong()));
		}
		return new EntryHeader(serializerId, methodName, created, computeDuration, argumentSummary, payloadLength,
				components);
	}

	private static int checksum(ByteBuffer entry) {
		CRC32C crc = new CRC32C();
		crc.update(entry.slice(0, CHECKSUM_OFFSET));
		crc.update(entry.slice(FIXED_HEADER, entry.limit() - FIXED_HEADER));
		return (int) crc.getValue();
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_SUMMARY_CHARS) ? text : text.substring(0, MAX_SUMMARY_CHARS - 1) + "…";
	}

	/** Writes a serialized result. */
	@FunctionalInterface
	public interface PayloadWriter {

		/**
		 * @param out where the payload goes; not to be closed
		 * @throws IOException if writing fails
		 */
		void writeTo(OutputStream out) throws IOException;

	}

	/**
	 * Hands its buffer over without the copy of {@link #toByteArray()}, and makes room for large
	 * payloads at once: entries can be large.
	 */
	private static final class ExposedByteArrayOutputStream extends ByteArrayOutputStream implements ReservableOutput {

		/** A signature may still follow the payload: room for it saves a copy of the whole entry. */
		private static final int TRAILER_ROOM = EntrySigner.SIGNATURE_LENGTH;

		private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

		ExposedByteArrayOutputStream() {
			super(256);
		}

		@Override
		public void reserve(long bytes) {
			long wanted = requireRoom(bytes + TRAILER_ROOM);
			if (wanted > this.buf.length) {
				this.buf = Arrays.copyOf(this.buf, (int) wanted);
			}
		}

		@Override
		public void write(int b) {
			requireRoom(1);
			super.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			requireRoom(len);
			super.write(b, off, len);
		}

		/**
		 * An entry lives in one array: past 2 GB the JVM would throw an {@link OutOfMemoryError},
		 * which is no reason to fail the method whose result this is.
		 */
		private long requireRoom(long bytes) {
			long wanted = this.count + bytes;
			if (wanted > MAX_ARRAY) {
				throw new UncheckedIOException(new IOException("the entry would be larger than 2 GB, which this version"
						+ " cannot store"));
			}
			return wanted;
		}

		ByteBuffer toByteBuffer() {
			return ByteBuffer.wrap(this.buf, 0, this.count);
		}

	}

}
