package io.checkpointing.store.s3;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3's conditional writes, the only operations the leases change their objects with. */
final class S3Writes {

	/** The condition did not hold: the object exists, or has another ETag. */
	private static final int PRECONDITION_FAILED = 412;

	/** {@code If-Match} on an object that is gone. */
	private static final int NOT_FOUND = 404;

	/** Another conditional write of the same object was in flight; S3 asks to read and retry. */
	private static final int CONFLICT = 409;

	private S3Writes() {
	}

	/**
	 * Writes a small text object if it does not exist ({@code ifMatch} null: {@code If-None-Match: *})
	 * or if its ETag is still {@code ifMatch}.
	 * A missing object does not match an ETag.
	 * @return the new ETag, or empty if the condition did not hold
	 * @throws software.amazon.awssdk.core.exception.SdkException if S3 cannot be reached or refuses
	 */
	static Optional<String> conditionalPut(S3Client client, String bucket, String key, String body,
			@Nullable String ifMatch) {
		PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType("text/plain");
		if (ifMatch != null) {
			request.ifMatch(ifMatch);
		}
		else {
			request.ifNoneMatch("*");
		}
		try {
			return Optional.of(client.putObject(request.build(), RequestBody.fromBytes(body.getBytes(StandardCharsets.UTF_8)))
				.eTag());
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == PRECONDITION_FAILED || ex.statusCode() == CONFLICT
					|| (ifMatch != null && ex.statusCode() == NOT_FOUND)) {
				return Optional.empty();
			}
			throw ex;
		}
	}

}
