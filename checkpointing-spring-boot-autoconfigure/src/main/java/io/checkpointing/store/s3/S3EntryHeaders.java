package io.checkpointing.store.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.StoredEntry;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads the header of a stored entry with ranged GETs: the first few kilobytes, which hold all
 * but the largest headers, then the whole header if it is longer.
 */
final class S3EntryHeaders {

	private static final int HEADER_READ_BYTES = 4096;

	private static final int RANGE_NOT_SATISFIABLE = 416;

	private final S3Client client;

	private final String bucket;

	S3EntryHeaders(S3Client client, String bucket) {
		this.client = client;
		this.bucket = bucket;
	}

	/**
	 * @return the entry with its header, or empty if it is gone or its header cannot be read
	 * @throws software.amazon.awssdk.core.exception.SdkException if S3 cannot be reached
	 */
	Optional<StoredEntry> describe(CallKey key, String objectKey, long size) {
		if (size == 0) {
			return Optional.empty(); // no header, and a range of an empty object is refused
		}
		try {
			byte[] head = head(objectKey, size);
			return Optional.of(new StoredEntry(key, size, EntryFormat.readHeader(new ByteArrayInputStream(head), size)));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty(); // deleted since it was listed
		}
		catch (IOException | DamagedEntryException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Reads an entry's first bytes up to its header's end: a header length beyond the object or
	 * beyond {@link EntryFormat#MAX_HEADER_BYTES} is damage, and no more than the first read is
	 * fetched for it.
	 * @param size the object's size; {@link Long#MAX_VALUE} if it is not known
	 * @return the bytes, the whole header among them if it is intact
	 * @throws NoSuchKeyException if there is no such object
	 */
	byte[] head(String objectKey, long size) {
		byte[] head;
		try {
			// S3 returns what there is of a range that runs past the object's end.
			head = range(objectKey, Math.min(size, HEADER_READ_BYTES));
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == RANGE_NOT_SATISFIABLE) {
				return new byte[0]; // an empty object
			}
			throw ex;
		}
		int headerLength = EntryFormat.declaredHeaderLength(ByteBuffer.wrap(head), size);
		return (headerLength > head.length) ? range(objectKey, headerLength) : head;
	}

	private byte[] range(String objectKey, long length) {
		return this.client.getObjectAsBytes((get) -> get.bucket(this.bucket).key(objectKey).range("bytes=0-" + (length - 1)))
			.asByteArrayUnsafe();
	}

}
