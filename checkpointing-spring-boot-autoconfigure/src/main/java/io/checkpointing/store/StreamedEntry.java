package io.checkpointing.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.zip.CRC32C;

import javax.crypto.Mac;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;

/**
 * An entry read front to back from a stream, never held whole: its header, read and checked for
 * its key when it is opened, then its payload, checksummed (and its signature computed) as it is
 * read. Whether the entry was intact is known only at its end: {@link #verify} tells, and a value
 * read from the payload is used only once it passed.
 */
public final class StreamedEntry {

	private final InputStream in;

	private final EntryHeader header;

	private final PayloadStream payload;

	private final CRC32C checksum;

	private final @Nullable Mac signature;

	private final boolean signed;

	private StreamedEntry(InputStream in, EntryHeader header, CRC32C checksum, @Nullable Mac signature, int flags,
			long payloadLength) {
		this.in = in;
		this.header = header;
		this.checksum = checksum;
		this.signature = signature;
		this.signed = (flags & EntryHeaders.FLAG_SIGNED) != 0;
		this.payload = new PayloadStream(in, EntryTrailer.length(flags), payloadLength, this::consumed);
	}

	/**
	 * Reads an entry's header from a stream and checks that it was written for the key.
	 * @param in the entry from its first byte; closed by the caller
	 * @param key the key the entry was read for
	 * @param signer whose signature the entry must carry, or {@code null} to accept unsigned and
	 * signed entries alike
	 * @throws OutdatedFormatException if an earlier release wrote it: a miss
	 * @throws DamagedEntryException if its header is damaged, it was written for another key, or
	 * it is not signed though it must be
	 * @throws IOException if the stream fails
	 */
	static StreamedEntry open(InputStream in, CallKey key, @Nullable EntrySigner signer)
			throws DamagedEntryException, IOException {
		byte[] fixed = in.readNBytes(EntryHeaders.KEY_OFFSET);
		ByteBuffer start = ByteBuffer.wrap(fixed);
		if (fixed.length < EntryHeaders.VERSION_END || start.getInt(0) != EntryHeaders.MAGIC) {
			throw new DamagedEntryException("it is not a checkpoint entry (too short or no 'CKPT' magic)");
		}
		EntryHeaders.requireReadable(Short.toUnsignedInt(start.getShort(4)));
		if (fixed.length < EntryHeaders.KEY_OFFSET) {
			throw new DamagedEntryException("it is truncated inside its header");
		}
		int flags = EntryHeaders.requireKnownFlags(Short.toUnsignedInt(start.getShort(EntryHeaders.FLAGS_OFFSET)));
		int headerLength = start.getInt(EntryHeaders.HEADER_LENGTH_OFFSET);
		if (headerLength < EntryHeaders.FIXED_HEADER || headerLength > EntryHeaders.MAX_HEADER_BYTES) {
			throw new DamagedEntryException("its header length " + headerLength + " is damaged");
		}
		ByteBuffer head = ByteBuffer.allocate(headerLength).put(fixed);
		byte[] rest = in.readNBytes(headerLength - fixed.length);
		if (rest.length < headerLength - fixed.length) {
			throw new DamagedEntryException("it is truncated inside its header");
		}
		head.put(rest).flip();
		CRC32C checksum = new CRC32C();
		checksum.update(head.duplicate());
		Mac signature = (signer != null) ? signer.newMac() : null;
		if (signature != null) {
			signature.update(head.duplicate());
		}
		EntryHeader header = EntryHeaders.readFields(head.slice(EntryHeaders.FIXED_HEADER,
				headerLength - EntryHeaders.FIXED_HEADER), -1);
		// A backend that knows the entry's size tells the payload's: the lengths it claims are checked against it.
		long payloadLength = (in instanceof SizedEntryStream sized)
				? Math.max(-1, sized.entrySize() - headerLength - EntryTrailer.length(flags)) : -1;
		StreamedEntry entry = new StreamedEntry(in, header, checksum, signature, flags, payloadLength);
		if (!EntryHeaders.recordsKey(head, key)) {
			// Read to the end first, so that damage to the key's bytes is reported as damage, not as a copy.
			entry.verify();
			throw new DamagedEntryException(EntryFormat.WRITTEN_FOR_ANOTHER_KEY);
		}
		if (signer != null && !entry.signed) {
			throw new DamagedEntryException(EntryFormat.NOT_SIGNED);
		}
		return entry;
	}

	/** @return the header; its payload length is -1, unknown until the end */
	public EntryHeader header() {
		return this.header;
	}

	/**
	 * @return the payload, ending where the payload ends; read it once, then {@link #verify}
	 */
	public InputStream payload() {
		return this.payload;
	}

	/**
	 * Reads what is left of the payload and checks the trailer: the payload's length, the
	 * checksum of every byte, and the signature if a signer was given.
	 * @throws DamagedEntryException if the entry is truncated or damaged, or its signature is not
	 * the signer's
	 * @throws IOException if the stream fails
	 */
	public void verify() throws DamagedEntryException, IOException {
		this.payload.skipRest();
		byte[] trailer = this.payload.trailer();
		if (trailer == null || this.in.read() != -1) {
			throw new DamagedEntryException("it is truncated or its lengths are damaged");
		}
		ByteBuffer bytes = ByteBuffer.wrap(trailer);
		int checksumAt = trailer.length - EntryTrailer.CHECKSUM_BYTES;
		this.checksum.update(trailer, 0, checksumAt);
		if (bytes.getInt(checksumAt) != (int) this.checksum.getValue()) {
			throw new DamagedEntryException("its checksum does not match its content");
		}
		if (bytes.getLong(0) != this.payload.released()) {
			throw new DamagedEntryException("it is truncated or its lengths are damaged");
		}
		Mac mac = this.signature;
		if (mac != null) {
			mac.update(trailer, 0, EntryTrailer.PAYLOAD_LENGTH_BYTES);
			byte[] stored = new byte[EntrySigner.SIGNATURE_LENGTH];
			bytes.get(EntryTrailer.PAYLOAD_LENGTH_BYTES, stored);
			if (!MessageDigest.isEqual(stored, mac.doFinal())) {
				throw new DamagedEntryException(EntryFormat.SIGNED_BY_ANOTHER);
			}
		}
	}

	private void consumed(byte[] bytes, int offset, int length) {
		this.checksum.update(bytes, offset, length);
		if (this.signature != null) {
			this.signature.update(bytes, offset, length);
		}
	}

}
