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
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

import io.checkpointing.key.CallKey;
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
 *     24    32  the key the entry was written for: its SHA-256 digest
 *     56     …  serializer id, method name, created (epoch ms), compute duration (ns), argument summary,
 *               key components (count, then kind, name, 64-bit hash each)
 *  header     …  payload
 *       …    32  signed entries only: HMAC-SHA256 ({@link EntrySigner})
 * </pre>
 *
 * Integers are big-endian; strings are length-prefixed modified UTF-8. CRC32C runs at memory
 * speed with the JDK's intrinsic, catches every burst error up to 32 bits, and is the damage
 * check; it is not a defence against someone who can write the store.
 *
 * <p>An entry is read only for the key it was written for: a backend is addressed by key, and
 * an entry copied or renamed under another key (a file copied over another, a Redis
 * {@code COPY}, an SQL {@code UPDATE} of a row's key) would otherwise be served as that key's
 * result. Entries of an earlier format version are misses ({@link OutdatedFormatException}),
 * entries of a later one are damaged.
 */
public final class EntryFormat {

	/**
	 * The format this version writes, and the only one it reads. 3: the layout of 2, but the
	 * Jackson serializers write objects by their fields rather than their getters, so an entry of
	 * 2 would read back wrong or not at all: it is a miss.
	 */
	public static final int VERSION = 3;

	/** The first format, which an earlier release wrote: its entries carry no key. */
	private static final int FIRST_VERSION = 1;

	static final int MAGIC = 0x434B5054; // "CKPT"

	/** Where the format version ends: enough bytes to tell an older entry from a damaged one. */
	private static final int VERSION_END = 6;

	static final int CHECKSUM_OFFSET = 20;

	/** The checksum and the signature cover every byte from here on, and those before the checksum. */
	static final int AFTER_CHECKSUM = CHECKSUM_OFFSET + 4;

	private static final int KEY_OFFSET = AFTER_CHECKSUM;

	private static final int KEY_LENGTH = 32;

	static final int FIXED_HEADER = KEY_OFFSET + KEY_LENGTH;

	private static final String WRITTEN_FOR_ANOTHER_KEY = "it was written for another key: it was copied or renamed"
			+ " in the store";

	private static final int FLAG_SIGNED = 1;

	private static final int MAX_SUMMARY_CHARS = 1000;

	private EntryFormat() {
	}

	/**
	 * Encodes an entry whose payload {@code payloadWriter} writes.
	 * @param key the key the entry is written for, and the only one it will be read for
	 * @param header the header; its payload length is ignored and replaced by the real one
	 * @param payloadWriter writes the serialized result
	 * @return the whole entry, from position 0 to its limit
	 * @throws IOException if the payload writer fails
	 */
	public static ByteBuffer encode(CallKey key, EntryHeader header, PayloadWriter payloadWriter) throws IOException {
		return encode(key, header, payloadWriter, null);
	}

	/**
	 * Encodes an entry whose payload {@code payloadWriter} writes, signed if a signer is given.
	 * @param key the key the entry is written for, and the only one it will be read for
	 * @param header the header; its payload length is ignored and replaced by the real one
	 * @param payloadWriter writes the serialized result
	 * @param signer signs the entry, its key included, or {@code null} to leave it unsigned
	 * @return the whole entry, from position 0 to its limit
	 * @throws IOException if the payload writer fails
	 */
	public static ByteBuffer encode(CallKey key, EntryHeader header, PayloadWriter payloadWriter,
			@Nullable EntrySigner signer) throws IOException {
		ExposedByteArrayOutputStream bytes = new ExposedByteArrayOutputStream();
		DataOutputStream out = new DataOutputStream(bytes);
		out.writeInt(MAGIC);
		out.writeShort(VERSION);
		out.writeShort(0);
		out.writeInt(0); // header length, patched below
		out.writeLong(0); // payload length, patched below
		out.writeInt(0); // checksum, patched below
		out.write(HexFormat.of().parseHex(key.hex()));
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
	 * Decodes and verifies an entry read for a key.
	 * @param entry the stored bytes, from its position to its limit
	 * @param key the key the entry was read for
	 * @return the header and the payload
	 * @throws DamagedEntryException if the bytes are not an intact entry this version can read,
	 * or were written for another key
	 */
	public static Entry decode(ByteBuffer entry, CallKey key) throws DamagedEntryException {
		return decode(entry, key, null);
	}

	/**
	 * Decodes and verifies an entry read for a key, and its signature if a signer is given.
	 * The key is checked before the signature and the signature before the header is parsed, so
	 * nothing of an entry written for another key, or signed by someone else, is read.
	 * @param entry the stored bytes, from its position to its limit
	 * @param key the key the entry was read for: the entry must have been written for it
	 * @param signer the signer whose signature the entry must carry, or {@code null} to accept
	 * unsigned and signed entries alike
	 * @return the header and the payload
	 * @throws OutdatedFormatException if the entry was written in an earlier format: a miss
	 * @throws DamagedEntryException if the bytes are not an intact entry this version can read,
	 * were written for another key, or are not signed by the signer
	 */
	public static Entry decode(ByteBuffer entry, CallKey key, @Nullable EntrySigner signer) throws DamagedEntryException {
		ByteBuffer bytes = entry.slice();
		if (bytes.remaining() < VERSION_END || bytes.getInt(0) != MAGIC) {
			throw new DamagedEntryException("it is not a checkpoint entry (too short or no 'CKPT' magic)");
		}
		requireReadable(Short.toUnsignedInt(bytes.getShort(4)));
		if (bytes.remaining() < FIXED_HEADER) {
			throw new DamagedEntryException("it is truncated or its lengths are damaged (" + bytes.limit() + " bytes)");
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
		// After the checksum, so that damage to the key's bytes is reported as damage, not as a copy.
		if (!recordsKey(bytes, key)) {
			throw new DamagedEntryException(WRITTEN_FOR_ANOTHER_KEY);
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
	 * Tells whether an entry records a key, without verifying anything else: for holding a
	 * decoded entry in memory, where it is checked again on every use.
	 * @param entry an entry, from its position to its limit
	 * @param key a key
	 * @return whether the bytes are an entry of this format version written for the key
	 */
	public static boolean isWrittenFor(ByteBuffer entry, CallKey key) {
		ByteBuffer bytes = entry.slice();
		return bytes.remaining() >= FIXED_HEADER && bytes.getInt(0) == MAGIC
				&& Short.toUnsignedInt(bytes.getShort(4)) == VERSION && recordsKey(bytes, key);
	}

	/**
	 * Compares the 32 bytes of the recorded key with the key's hexadecimal digits, 8 bytes at a
	 * time, so that a hit allocates nothing for the check.
	 */
	private static boolean recordsKey(ByteBuffer entry, CallKey key) {
		String hex = key.hex();
		for (int i = 0; i < KEY_LENGTH / Long.BYTES; i++) {
			int digits = i * 2 * Long.BYTES;
			if (entry.getLong(KEY_OFFSET + i * Long.BYTES) != HexFormat.fromHexDigitsToLong(hex, digits,
					digits + 2 * Long.BYTES)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads the key an entry was written for, without verifying anything else.
	 * @param entry an entry this version wrote, from its position to its limit
	 * @return the key recorded in it
	 * @throws DamagedEntryException if the bytes are not an entry of this format version
	 */
	public static CallKey keyOf(ByteBuffer entry) throws DamagedEntryException {
		ByteBuffer bytes = entry.slice();
		if (bytes.remaining() < FIXED_HEADER || bytes.getInt(0) != MAGIC) {
			throw new DamagedEntryException("it is not a checkpoint entry (too short or no 'CKPT' magic)");
		}
		requireReadable(Short.toUnsignedInt(bytes.getShort(4)));
		byte[] digest = new byte[KEY_LENGTH];
		bytes.get(KEY_OFFSET, digest);
		return CallKey.fromHex(HexFormat.of().formatHex(digest));
	}

	/**
	 * An entry of an earlier release is not damaged: it is simply not this format. One of a
	 * later release, or of a version that never existed, is.
	 */
	private static void requireReadable(int version) throws DamagedEntryException {
		if (version >= FIRST_VERSION && version < VERSION) {
			throw new OutdatedFormatException(version, VERSION);
		}
		if (version != VERSION) {
			throw new DamagedEntryException("it has format version " + version + ", this version reads " + VERSION);
		}
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
			requireReadable(data.readUnsignedShort());
			data.readUnsignedShort();
			data.readInt();
			long payloadLength = data.readLong();
			data.readInt();
			data.skipNBytes(KEY_LENGTH);
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
		crc.update(entry.slice(AFTER_CHECKSUM, entry.limit() - AFTER_CHECKSUM));
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
		public synchronized void write(int b) {
			requireRoom(1);
			super.write(b);
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) {
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
