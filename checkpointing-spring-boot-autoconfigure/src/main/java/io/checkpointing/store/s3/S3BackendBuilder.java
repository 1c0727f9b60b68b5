package io.checkpointing.store.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Collects the settings of an {@link S3Backend}, so that they can be adjusted before it is
 * made: Spring Boot's auto-configuration hands it to each {@code S3BackendCustomizer}. The
 * backend makes its client from {@link #clientBuilder()} (the SDK's default credentials and,
 * unless set, region chains) and closes it when it is closed, unless it is given a client of
 * the application's with {@link #client(S3Client)}. The backend checks the settings when it is
 * built.
 */
public final class S3BackendBuilder {

	private final S3ClientBuilder clientBuilder = S3Client.builder();

	private @Nullable S3Client client;

	private String bucket;

	private String prefix = "checkpointing/";

	private @Nullable URI endpoint;

	private Duration lockLease = Duration.ofSeconds(30);

	private long multipartThreshold = 16L * 1024 * 1024;

	private long partSize = 8L * 1024 * 1024;

	/**
	 * @param bucket the bucket that holds the entries, which must exist
	 */
	public S3BackendBuilder(String bucket) {
		bucket(bucket);
	}

	/**
	 * @return the SDK's builder of the client the backend makes, to set credentials, timeouts,
	 * an HTTP client and so on
	 */
	public S3ClientBuilder clientBuilder() {
		return this.clientBuilder;
	}

	/**
	 * @param client a client of the application's, used instead of one made from
	 * {@link #clientBuilder()}; the backend does not close it
	 * @return this builder
	 */
	public S3BackendBuilder client(S3Client client) {
		this.client = Objects.requireNonNull(client, "client must not be null");
		return this;
	}

	/**
	 * @param bucket the bucket that holds the entries, which must exist
	 * @return this builder
	 */
	public S3BackendBuilder bucket(String bucket) {
		this.bucket = Objects.requireNonNull(bucket, "bucket must not be null");
		return this;
	}

	/**
	 * @param prefix the start of every object key the backend writes, such as
	 * {@code checkpointing/} (the default); empty for a bucket of its own
	 * @return this builder
	 */
	public S3BackendBuilder prefix(String prefix) {
		this.prefix = Objects.requireNonNull(prefix, "prefix must not be null");
		return this;
	}

	/**
	 * @param region the AWS region, such as {@code eu-west-1}; S3-compatible servers mostly take
	 * any
	 * @return this builder
	 */
	public S3BackendBuilder region(String region) {
		this.clientBuilder.region(Region.of(Objects.requireNonNull(region, "region must not be null")));
		return this;
	}

	/**
	 * @param endpoint the URL of an S3-compatible server, such as {@code http://localhost:9000}
	 * @return this builder
	 */
	public S3BackendBuilder endpoint(URI endpoint) {
		this.endpoint = Objects.requireNonNull(endpoint, "endpoint must not be null");
		this.clientBuilder.endpointOverride(endpoint);
		return this;
	}

	/**
	 * @param pathStyle whether the bucket is named in the path ({@code host/bucket/key}) rather
	 * than the host name ({@code bucket.host/key}), as most S3-compatible servers want
	 * @return this builder
	 */
	public S3BackendBuilder pathStyle(boolean pathStyle) {
		this.clientBuilder.forcePathStyle(pathStyle);
		return this;
	}

	/**
	 * @param lockLease how long a key's lease lasts unless its holder renews it (every third of
	 * it): how long the others wait after a holder died; at least 3s
	 * @return this builder
	 */
	public S3BackendBuilder lockLease(Duration lockLease) {
		this.lockLease = Objects.requireNonNull(lockLease, "lockLease must not be null");
		return this;
	}

	/**
	 * @param bytes the size from which an entry is uploaded in parts (16 MB by default)
	 * @return this builder
	 */
	public S3BackendBuilder multipartThreshold(long bytes) {
		this.multipartThreshold = bytes;
		return this;
	}

	/**
	 * @param bytes the size of each part of a multipart upload (8 MB by default), at least 5 MB
	 * @return this builder
	 */
	public S3BackendBuilder partSize(long bytes) {
		this.partSize = bytes;
		return this;
	}

	/**
	 * @return the backend
	 * @throws IllegalArgumentException if the bucket is blank, the lease shorter than 3s or the
	 * part size smaller than 5 MB, or the client cannot be made (no region)
	 */
	public S3Backend build() {
		if (this.bucket.isBlank()) {
			throw new IllegalArgumentException("The S3 bucket (checkpointing.s3.bucket) must be set");
		}
		if (this.lockLease.compareTo(Duration.ofSeconds(3)) < 0) {
			throw new IllegalArgumentException("The lock lease (checkpointing.s3.lock-lease) must be at least 3s, not "
					+ this.lockLease + ": S3 tells modification times in whole seconds; use a duration such as 30s");
		}
		if (this.partSize < S3MultipartUpload.MIN_PART_SIZE) {
			throw new IllegalArgumentException("The part size (checkpointing.s3.part-size) must be at least 5MB"
					+ " (S3's smallest part), not " + this.partSize + " bytes");
		}
		if (this.multipartThreshold < 1) {
			throw new IllegalArgumentException("The multipart threshold (checkpointing.s3.multipart-threshold) must be"
					+ " positive, not " + this.multipartThreshold + " bytes");
		}
		S3Client given = this.client;
		return new S3Backend((given != null) ? given : makeClient(), given == null, this.bucket, this.prefix,
				this.endpoint, this.lockLease, this.multipartThreshold, this.partSize);
	}

	private S3Client makeClient() {
		try {
			return this.clientBuilder.build();
		}
		catch (SdkClientException ex) {
			throw new IllegalArgumentException("Cannot make the S3 client: " + ex.getMessage() + "; set"
					+ " checkpointing.s3.region (and checkpointing.s3.endpoint for an S3-compatible server)", ex);
		}
	}

}
