package io.checkpointing.store.s3;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.checkpointing.store.ByteBufferInputStream;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Uploads a large entry in parts: S3 takes at most 5 GiB in one PUT, and a part that fails is
 * sent again alone (the SDK retries it) instead of the whole entry. The object appears only when
 * the upload completes; an upload that fails is aborted, so that its parts are not kept (and
 * billed).
 */
final class S3MultipartUpload {

	/** S3's smallest part (except the last). */
	static final long MIN_PART_SIZE = 5L * 1024 * 1024;

	/** S3's largest number of parts in one upload. */
	private static final int MAX_PARTS = 10_000;

	private final S3Client client;

	private final String bucket;

	private final long threshold;

	private final long partSize;

	S3MultipartUpload(S3Client client, String bucket, long threshold, long partSize) {
		this.client = client;
		this.bucket = bucket;
		this.threshold = threshold;
		this.partSize = partSize;
	}

	/** @return whether an entry of this many bytes is uploaded in parts */
	boolean isFor(long size) {
		return size >= this.threshold && size > this.partSize;
	}

	/**
	 * @param objectKey the object's key
	 * @param entry the entry, from its position to its limit; left as it is
	 * @throws SdkException if the upload fails (it was aborted)
	 */
	void upload(String objectKey, ByteBuffer entry) {
		String uploadId = start(objectKey);
		try {
			long size = entry.remaining();
			// Parts grow past the part size only for entries above 10,000 parts (80 GB at 8 MB).
			long part = Math.max(this.partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
			List<CompletedPart> parts = new ArrayList<>();
			for (long start = 0; start < size; start += part) {
				ByteBuffer slice = entry.duplicate();
				slice.position(entry.position() + (int) start);
				slice.limit(entry.position() + (int) Math.min(size, start + part));
				parts.add(part(objectKey, uploadId, parts.size() + 1, slice));
			}
			complete(objectKey, uploadId, parts);
		}
		catch (RuntimeException ex) {
			abort(objectKey, uploadId, ex);
			throw ex;
		}
	}

	/** @return the id of a new upload of the object, whose parts are checked with CRC32 */
	String start(String objectKey) {
		return this.client
			.createMultipartUpload((create) -> create.bucket(this.bucket).key(objectKey)
				.checksumAlgorithm(ChecksumAlgorithm.CRC32))
			.uploadId();
	}

	/** Uploads the bytes from the buffer's position to its limit as part {@code number} (from 1). */
	CompletedPart part(String objectKey, String uploadId, int number, ByteBuffer bytes) {
		long length = bytes.remaining();
		UploadPartResponse uploaded = this.client.uploadPart(
				(upload) -> upload.bucket(this.bucket).key(objectKey).uploadId(uploadId).partNumber(number)
					.contentLength(length).checksumAlgorithm(ChecksumAlgorithm.CRC32),
				body(bytes));
		return CompletedPart.builder().partNumber(number).eTag(uploaded.eTag())
			.checksumCRC32(uploaded.checksumCRC32()).build();
	}

	/** Makes the object of the uploaded parts appear. */
	void complete(String objectKey, String uploadId, List<CompletedPart> parts) {
		this.client.completeMultipartUpload((complete) -> complete.bucket(this.bucket).key(objectKey)
			.uploadId(uploadId).multipartUpload((upload) -> upload.parts(parts)));
	}

	long partSize() {
		return this.partSize;
	}

	/**
	 * The bytes from the buffer's position to its limit, read in place each time the SDK sends
	 * them (again on a retry): no copy of a large entry.
	 */
	static RequestBody body(ByteBuffer bytes) {
		return RequestBody.fromContentProvider(() -> new ByteBufferInputStream(bytes.duplicate()), bytes.remaining(),
				"application/octet-stream");
	}

	/** Drops the parts of an upload that will not complete; the cause gets any failure to. */
	void abort(String objectKey, String uploadId, Throwable cause) {
		try {
			this.client.abortMultipartUpload((abort) -> abort.bucket(this.bucket).key(objectKey).uploadId(uploadId));
		}
		catch (SdkException ex) {
			// A bucket lifecycle rule for incomplete uploads removes its parts (docs/backends.md).
			cause.addSuppressed(ex);
		}
	}

}
