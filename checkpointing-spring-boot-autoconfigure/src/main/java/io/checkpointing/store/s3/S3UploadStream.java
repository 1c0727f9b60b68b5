package io.checkpointing.store.s3;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The stream an entry is written into as it is produced. An entry that ends below the multipart
 * threshold is held, then stored with one PUT; a larger one becomes a multipart upload as soon
 * as it passes the threshold, and each part is sent once it is full, so that at most a
 * threshold's worth of it is in the heap at a time. Nothing is visible until {@link #finish()}
 * completes the object; {@link #abandon} drops an upload begun for an entry that failed.
 */
final class S3UploadStream extends OutputStream {

	private final S3Client client;

	private final String bucket;

	private final String objectKey;

	private final S3MultipartUpload multipart;

	private final int threshold;

	private final int partSize;

	private byte[] buffer = new byte[8192];

	private int count;

	private @Nullable String uploadId;

	private final List<CompletedPart> parts = new ArrayList<>();

	S3UploadStream(S3Client client, String bucket, String objectKey, S3MultipartUpload multipart, long threshold) {
		this.client = client;
		this.bucket = bucket;
		this.objectKey = objectKey;
		this.multipart = multipart;
		// Parts are held in one array: the sizes are bounded by what an array holds.
		this.partSize = (int) Math.min(multipart.partSize(), Integer.MAX_VALUE - 8);
		this.threshold = (int) Math.max(this.partSize, Math.min(threshold, Integer.MAX_VALUE - 8));
	}

	@Override
	public void write(int b) {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) {
		int written = 0;
		while (written < length) {
			int limit = (this.uploadId == null) ? this.threshold : this.partSize;
			if (this.count == limit) {
				sendParts();
				continue;
			}
			int chunk = Math.min(length - written, limit - this.count);
			ensureCapacity(this.count + chunk);
			System.arraycopy(bytes, offset + written, this.buffer, this.count, chunk);
			this.count += chunk;
			written += chunk;
		}
	}

	/** Starts the upload if need be and sends every full part the buffer holds. */
	private void sendParts() {
		String upload = this.uploadId;
		if (upload == null) {
			upload = this.multipart.start(this.objectKey);
			this.uploadId = upload;
		}
		int sent = 0;
		while (this.count - sent >= this.partSize) {
			this.parts.add(this.multipart.part(this.objectKey, upload, this.parts.size() + 1,
					ByteBuffer.wrap(this.buffer, sent, this.partSize)));
			sent += this.partSize;
		}
		System.arraycopy(this.buffer, sent, this.buffer, 0, this.count - sent);
		this.count -= sent;
	}

	private void ensureCapacity(int capacity) {
		if (capacity > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, (int) Math.min(Math.max(capacity, 2L * this.buffer.length),
					Math.max(this.threshold, this.partSize)));
		}
	}

	/**
	 * Stores what was written: one PUT, or the last part and the completion of the upload.
	 * @throws software.amazon.awssdk.core.exception.SdkException if S3 refuses it
	 */
	void finish() {
		String upload = this.uploadId;
		if (upload == null) {
			this.client.putObject((put) -> put.bucket(this.bucket).key(this.objectKey),
					S3MultipartUpload.body(ByteBuffer.wrap(this.buffer, 0, this.count)));
			return;
		}
		if (this.count > 0 || this.parts.isEmpty()) {
			this.parts.add(this.multipart.part(this.objectKey, upload, this.parts.size() + 1,
					ByteBuffer.wrap(this.buffer, 0, this.count)));
		}
		this.multipart.complete(this.objectKey, upload, this.parts);
	}

	/**
	 * Drops the upload, if one began, of an entry that will not be stored.
	 * @param cause why; it gets any failure to abort
	 */
	void abandon(Throwable cause) {
		String upload = this.uploadId;
		if (upload != null) {
			this.multipart.abort(this.objectKey, upload, cause);
		}
	}

}
