package io.checkpointing.store;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;

/**
 * Writes an entry front to back in one pass: its header, the payload its writer produces, then
 * what is known only at the end (the payload's length, the signature, the checksum).
 */
final class EntryStreamWriter {

	private EntryStreamWriter() {
	}

	/**
	 * @return how many bytes the entry has
	 */
	static long write(OutputStream out, CallKey key, EntryHeader header, EntryFormat.PayloadWriter payloadWriter,
			@Nullable EntrySigner signer) throws IOException {
		byte[] head = EntryHeaders.write(key, header, signer != null);
		ChecksummingOutputStream entry = new ChecksummingOutputStream(out, (signer != null) ? signer.newMac() : null);
		entry.write(head);
		payloadWriter.writeTo(entry);
		long payloadLength = entry.count() - head.length;
		DataOutputStream trailer = new DataOutputStream(entry);
		trailer.writeLong(payloadLength);
		trailer.flush();
		if (signer != null) {
			entry.write(entry.finishSignature());
		}
		entry.writeChecksum();
		entry.flush();
		return entry.count();
	}

}
