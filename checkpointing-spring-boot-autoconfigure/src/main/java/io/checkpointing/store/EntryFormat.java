package io.checkpointing.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import io.checkpointing.key.CallKey;
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
 *     12    32  the key the entry was written for: its SHA-256 digest
 *     44     …  serializer id, method name, created (epoch ms), compute duration (ns), argument summary,
 *               key components (count, then kind, name, 64-bit hash each)
 *  header     …  payload
 *       …     8  payload length
 *       …    32  signed entries only: HMAC-SHA256 of every byte before it ({@link EntrySigner})
 *       …     4  CRC32C of every byte before it
 * </pre>
 *
 * Integers are big-endian; strings are length-prefixed modified UTF-8. Everything a writer knows
 * only once the payload is written trails it, so an entry is written front to back in one pass,
 * its result serialized through the checksum into the store ({@link #write}), and read the same
 * way ({@link #open(InputStream, CallKey, EntrySigner)}). CRC32C runs at memory speed with the
 * JDK's intrinsic, catches every burst error up to 32 bits, and is the damage check; it is not a
 * defence against someone who can write the store.
 *
 * <p>An entry is read only for the key it was written for: a backend is addressed by key, and
 * an entry copied or renamed under another key (a file copied over another, a Redis
 * {@code COPY}, an SQL {@code UPDATE} of a row's key) would otherwise be served as that key's
 * result. Entries of an earlier format version are misses ({@link OutdatedFormatException}),
 * entries of a later one are damaged.
 */
public final class EntryFormat {

	/**
	 * The format this version writes, and the only one it reads. 4: the payload's length, the
	 * signature and the checksum trail the payload, so that entries are written and read as
	 * streams; an entry of 3 or earlier is a miss.
	 */
	public static final int VERSION = 4;

	static final int MAGIC = EntryHeaders.MAGIC;

	/**
	 * The longest header an entry may have: a few names and at most a few hundred key components
	 * take far less, so a longer one is damage, and no reader allocates or reads more for a header.
	 */
	public static final int MAX_HEADER_BYTES = EntryHeaders.MAX_HEADER_BYTES;

	static final String WRITTEN_FOR_ANOTHER_KEY = "it was written for another key: it was copied or renamed"
			+ " in the store";

	static final String NOT_SIGNED = "it is not signed, and checkpointing.signing.key requires every entry to be";

	static final String SIGNED_BY_ANOTHER = "its signature is not that of checkpointing.signing.key: it was written"
			+ " with another key, or forged";

	private EntryFormat() {
	}

	/**
	 * Encodes an entry whose payload {@code payloadWriter} writes.
	 * @param key the key the entry is written for, and the only one it will be read for
	 * @param header the header; its payload length is ignored
	 * @param payloadWriter writes the serialized result
	 * @return the whole entry, from position 0 to its limit
	 * @throws IOException if the payload writer fails
	 */
	public static ByteBuffer encode(CallKey key, EntryHeader header, PayloadWriter payloadWriter) throws IOException {
		return encode(key, header, payloadWriter, null);
	}

	/**
	 * Encodes an entry in the heap, signed if a signer is given. {@link #write} streams it instead.
	 * @param key the key the entry is written for, and the only one it will be read for
	 * @param header the header; its payload length is ignored
	 * @param payloadWriter writes the serialized result
	 * @param signer signs the entry, its key included, or {@code null} to leave it unsigned
	 * @return the whole entry, from position 0 to its limit
	 * @throws IOException if the payload writer fails
	 */
	public static ByteBuffer encode(CallKey key, EntryHeader header, PayloadWriter payloadWriter,
			@Nullable EntrySigner signer) throws IOException {
		EntryBuffer bytes = new EntryBuffer();
		write(bytes, key, header, payloadWriter, signer);
		return bytes.toByteBuffer();
	}

	/**
	 * Writes an entry into a stream as its payload is written: the result never needs to be held
	 * whole as bytes.
	 * @param out where the entry goes; not closed
	 * @param key the key the entry is written for, and the only one it will be read for
	 * @param header the header; its payload length is ignored
	 * @param payloadWriter writes the serialized result
	 * @param signer signs the entry, its key included, or {@code null} to leave it unsigned
	 * @return the entry's size in bytes
	 * @throws IOException if the payload writer or the stream fails
	 */
	public static long write(OutputStream out, CallKey key, EntryHeader header, PayloadWriter payloadWriter,
			@Nullable EntrySigner signer) throws IOException {
		return EntryStreamWriter.write(out, key, header, payloadWriter, signer);
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
	 * Decodes and verifies an entry held in memory, and its signature if a signer is given. The
	 * checksum is checked before the key, and the signature before the header is parsed, so
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
		if (bytes.remaining() < EntryHeaders.VERSION_END || bytes.getInt(0) != MAGIC) {
			throw new DamagedEntryException("it is not a checkpoint entry (too short or no 'CKPT' magic)");
		}
		EntryHeaders.requireReadable(Short.toUnsignedInt(bytes.getShort(4)));
		if (bytes.remaining() < EntryHeaders.FIXED_HEADER) {
			throw truncated(bytes);
		}
		int flags = EntryHeaders.requireKnownFlags(Short.toUnsignedInt(bytes.getShort(EntryHeaders.FLAGS_OFFSET)));
		boolean signed = (flags & EntryHeaders.FLAG_SIGNED) != 0;
		int payloadEnd = bytes.limit() - EntryTrailer.length(flags);
		int headerLength = bytes.getInt(EntryHeaders.HEADER_LENGTH_OFFSET);
		if (headerLength < EntryHeaders.FIXED_HEADER || headerLength > payloadEnd
				|| bytes.getLong(payloadEnd) != payloadEnd - headerLength) {
			throw truncated(bytes);
		}
		int checksumAt = bytes.limit() - EntryTrailer.CHECKSUM_BYTES;
		if (bytes.getInt(checksumAt) != checksum(bytes.slice(0, checksumAt))) {
			throw new DamagedEntryException("its checksum does not match its content");
		}
		// After the checksum, so that damage to the key's bytes is reported as damage, not as a copy.
		if (!EntryHeaders.recordsKey(bytes, key)) {
			throw new DamagedEntryException(WRITTEN_FOR_ANOTHER_KEY);
		}
		if (signer != null && !signed) {
			throw new DamagedEntryException(NOT_SIGNED);
		}
		if (signer != null && !signer.verify(bytes, payloadEnd + EntryTrailer.PAYLOAD_LENGTH_BYTES)) {
			throw new DamagedEntryException(SIGNED_BY_ANOTHER);
		}
		EntryHeader header = EntryHeaders.readFields(
				bytes.slice(EntryHeaders.FIXED_HEADER, headerLength - EntryHeaders.FIXED_HEADER), payloadEnd - headerLength);
		return new Entry(header, bytes.slice(headerLength, payloadEnd - headerLength));
	}

	/**
	 * Opens an entry read from a stream: its header is read and its key checked now, its payload
	 * as the caller reads it, and the rest by {@link StreamedEntry#verify}. Unlike
	 * {@link #decode}, the checksum and the signature are known only once the payload is read: a
	 * value read from it is to be used only once {@code verify} passed.
	 * @param in the entry from its first byte; closed by the caller
	 * @param key the key the entry was read for: the entry must have been written for it
	 * @param signer the signer whose signature the entry must carry, or {@code null} to accept
	 * unsigned and signed entries alike
	 * @return the entry, its payload unread
	 * @throws OutdatedFormatException if the entry was written in an earlier format: a miss
	 * @throws DamagedEntryException if its header is damaged, it was written for another key, or
	 * is not signed though it must be
	 * @throws IOException if the stream fails
	 */
	public static StreamedEntry open(InputStream in, CallKey key, @Nullable EntrySigner signer)
			throws DamagedEntryException, IOException {
		return StreamedEntry.open(in, key, signer);
	}

	private static DamagedEntryException truncated(ByteBuffer bytes) {
		return new DamagedEntryException("it is truncated or its lengths are damaged (" + bytes.limit() + " bytes)");
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
		return bytes.remaining() >= EntryHeaders.FIXED_HEADER && bytes.getInt(0) == MAGIC
				&& Short.toUnsignedInt(bytes.getShort(4)) == VERSION && EntryHeaders.recordsKey(bytes, key);
	}

	/**
	 * Reads the key an entry was written for, without verifying anything else.
	 * @param entry an entry this version wrote, from its position to its limit
	 * @return the key recorded in it
	 * @throws DamagedEntryException if the bytes are not an entry of this format version
	 */
	public static CallKey keyOf(ByteBuffer entry) throws DamagedEntryException {
		ByteBuffer bytes = entry.slice();
		if (bytes.remaining() < EntryHeaders.FIXED_HEADER || bytes.getInt(0) != MAGIC) {
			throw new DamagedEntryException("it is not a checkpoint entry (too short or no 'CKPT' magic)");
		}
		EntryHeaders.requireReadable(Short.toUnsignedInt(bytes.getShort(4)));
		byte[] digest = new byte[EntryHeaders.KEY_LENGTH];
		bytes.get(EntryHeaders.KEY_OFFSET, digest);
		return CallKey.fromHex(HexFormat.of().formatHex(digest));
	}

	/**
	 * Reads only the header of an entry, for listings. Nothing is verified: that needs the whole
	 * entry. Its payload length is -1: the header alone does not tell it; see
	 * {@link #readHeader(InputStream, long)}.
	 * @param in the stream positioned at the entry's first byte
	 * @return the header
	 * @throws DamagedEntryException if the stream does not start with an entry header
	 * @throws IOException if reading fails
	 */
	public static EntryHeader readHeader(InputStream in) throws DamagedEntryException, IOException {
		return EntryHeaders.read(in, -1);
	}

	/**
	 * Reads only the header of an entry whose size is known, for listings. Nothing is verified.
	 * @param in the stream positioned at the entry's first byte
	 * @param entryBytes the whole entry's size, from which its payload's length follows
	 * @return the header
	 * @throws DamagedEntryException if the stream does not start with an entry header
	 * @throws IOException if reading fails
	 */
	public static EntryHeader readHeader(InputStream in, long entryBytes) throws DamagedEntryException, IOException {
		return EntryHeaders.read(in, entryBytes);
	}

	/**
	 * Reads the start of an entry up to the end of its header, and no further: what
	 * {@link CacheBackend#readHead} returns. Nothing is verified; a header length that is damaged
	 * or beyond {@link #MAX_HEADER_BYTES} stops the read after the fixed part, and whoever opens
	 * the bytes finds the damage.
	 * @param in the stream positioned at the entry's first byte; not closed
	 * @return the bytes read, from position 0: the whole header if the entry is intact
	 * @throws IOException if reading fails
	 */
	public static ByteBuffer readHead(InputStream in) throws IOException {
		byte[] fixed = in.readNBytes(EntryHeaders.KEY_OFFSET);
		if (fixed.length < EntryHeaders.KEY_OFFSET) {
			return ByteBuffer.wrap(fixed);
		}
		int headerLength = ByteBuffer.wrap(fixed).getInt(EntryHeaders.HEADER_LENGTH_OFFSET);
		if (headerLength <= fixed.length || headerLength > MAX_HEADER_BYTES) {
			return ByteBuffer.wrap(fixed);
		}
		byte[] rest = in.readNBytes(headerLength - fixed.length);
		return ByteBuffer.allocate(fixed.length + rest.length).put(fixed).put(rest).flip();
	}

	/**
	 * The length of an entry's header as its first bytes declare it, for a backend that fetches an
	 * entry's start in ranges (S3, Redis, a JDBC header column): a first read, then the rest of the
	 * header if it is longer. Nothing is verified; whoever opens the bytes finds any damage.
	 * @param start the entry's first bytes, from its position; not moved
	 * @param entryBytes the whole entry's size
	 * @return the declared length; 0 if the bytes are too few to tell, or if the length is damaged:
	 * beyond the entry or beyond {@link #MAX_HEADER_BYTES}, so that no more than the first read
	 * is fetched for it
	 */
	public static int declaredHeaderLength(ByteBuffer start, long entryBytes) {
		if (start.remaining() < EntryHeaders.HEADER_LENGTH_OFFSET + Integer.BYTES) {
			return 0;
		}
		int declared = start.getInt(start.position() + EntryHeaders.HEADER_LENGTH_OFFSET);
		return (declared > 0 && declared <= entryBytes && declared <= MAX_HEADER_BYTES) ? declared : 0;
	}

	private static int checksum(ByteBuffer covered) {
		CRC32C crc = new CRC32C();
		crc.update(covered);
		return (int) crc.getValue();
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

}
