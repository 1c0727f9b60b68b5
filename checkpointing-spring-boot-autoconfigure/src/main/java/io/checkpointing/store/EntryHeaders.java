package io.checkpointing.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;

/**
 * The header of an entry, the bytes before its payload (see {@link EntryFormat} for the layout):
 * written as one small array, read from a buffer or the start of a stream.
 */
final class EntryHeaders {

	static final int MAGIC = 0x434B5054; // "CKPT"

	/** Where the format version ends: enough bytes to tell an older entry from a damaged one. */
	static final int VERSION_END = 6;

	static final int FLAGS_OFFSET = 6;

	static final int HEADER_LENGTH_OFFSET = 8;

	static final int KEY_OFFSET = 12;

	static final int KEY_LENGTH = 32;

	static final int FIXED_HEADER = KEY_OFFSET + KEY_LENGTH;

	/** A header holds a few names and at most a few hundred key components: anything larger is damage. */
	static final int MAX_HEADER_BYTES = 16 * 1024 * 1024;

	static final int FLAG_SIGNED = 1;

	/** The first format, which an earlier release wrote: its entries carry no key. */
	private static final int FIRST_VERSION = 1;

	private static final int MAX_SUMMARY_CHARS = 1000;

	private EntryHeaders() {
	}

	/**
	 * @return the header's bytes: the fixed part, then the fields
	 */
	static byte[] write(CallKey key, EntryHeader header, boolean signed) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		DataOutputStream out = new DataOutputStream(bytes);
		out.writeInt(MAGIC);
		out.writeShort(EntryFormat.VERSION);
		out.writeShort(signed ? FLAG_SIGNED : 0);
		out.writeInt(0); // header length, patched below
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
		ByteBuffer written = ByteBuffer.wrap(bytes.toByteArray());
		written.putInt(HEADER_LENGTH_OFFSET, written.limit());
		return written.array();
	}

	/**
	 * An entry of an earlier release is not damaged: it is simply not this format. One of a
	 * later release, or of a version that never existed, is.
	 */
	static void requireReadable(int version) throws DamagedEntryException {
		if (version >= FIRST_VERSION && version < EntryFormat.VERSION) {
			throw new OutdatedFormatException(version, EntryFormat.VERSION);
		}
		if (version != EntryFormat.VERSION) {
			throw new DamagedEntryException("it has format version " + version + ", this version reads " + EntryFormat.VERSION);
		}
	}

	/**
	 * @return the flags, once they are known to this version
	 */
	static int requireKnownFlags(int flags) throws DamagedEntryException {
		if ((flags & ~FLAG_SIGNED) != 0) {
			throw new DamagedEntryException("it has flags " + flags + " that this version does not know");
		}
		return flags;
	}

	/**
	 * Compares the 32 bytes of the recorded key with the key's hexadecimal digits, 8 bytes at a
	 * time, so that a hit allocates nothing for the check.
	 */
	static boolean recordsKey(ByteBuffer header, CallKey key) {
		String hex = key.hex();
		for (int i = 0; i < KEY_LENGTH / Long.BYTES; i++) {
			int digits = i * 2 * Long.BYTES;
			if (header.getLong(KEY_OFFSET + i * Long.BYTES) != HexFormat.fromHexDigitsToLong(hex, digits,
					digits + 2 * Long.BYTES)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads the fields after the fixed part.
	 * @param fields the bytes from {@link #FIXED_HEADER} to the header's end
	 * @param payloadLength the payload's length, or -1 if the reader does not know it
	 */
	static EntryHeader readFields(ByteBuffer fields, long payloadLength) throws DamagedEntryException {
		try {
			return readFields(new DataInputStream(new ByteBufferInputStream(fields)), payloadLength);
		}
		catch (IOException | RuntimeException ex) {
			throw new DamagedEntryException("its header cannot be read: " + ex);
		}
	}

	/**
	 * Reads a header from the start of a stream, for listings; nothing is verified.
	 * @param entryBytes the entry's size, or -1 if unknown (the payload length is then -1 too)
	 */
	static EntryHeader read(InputStream in, long entryBytes) throws DamagedEntryException, IOException {
		DataInputStream data = new DataInputStream(in);
		try {
			if (data.readInt() != MAGIC) {
				throw new DamagedEntryException("it is not a checkpoint entry (no 'CKPT' magic)");
			}
			requireReadable(data.readUnsignedShort());
			int flags = requireKnownFlags(data.readUnsignedShort());
			int headerLength = data.readInt();
			if (headerLength < FIXED_HEADER || headerLength > MAX_HEADER_BYTES) {
				throw new DamagedEntryException("its header length " + headerLength + " is damaged");
			}
			data.skipNBytes(KEY_LENGTH);
			long payloadLength = (entryBytes < 0) ? -1 : entryBytes - headerLength - EntryTrailer.length(flags);
			return readFields(data, payloadLength);
		}
		catch (EOFException ex) {
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

	private static String truncate(String text) {
		return (text.length() <= MAX_SUMMARY_CHARS) ? text : text.substring(0, MAX_SUMMARY_CHARS - 1) + "…";
	}

}
