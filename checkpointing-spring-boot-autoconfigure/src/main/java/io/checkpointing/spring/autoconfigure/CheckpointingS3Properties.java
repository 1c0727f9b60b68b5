package io.checkpointing.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The S3 backend ({@code checkpointing.backend=s3}), under {@code checkpointing.s3.*}: a bucket of
 * Amazon S3 or of an S3-compatible server. Credentials come from the AWS SDK's default chain
 * (environment, system properties, profile files, container and instance roles).
 */
@ConfigurationProperties("checkpointing.s3")
public class CheckpointingS3Properties {

	/** The bucket that holds the entries. It must exist; the backend does not create it. */
	private @Nullable String bucket;

	/**
	 * The start of every object key the backend writes: entries are <prefix><key>, leases
	 * <prefix>locks/<key>. Clearing the store deletes the entries under this prefix. Empty for a
	 * bucket of checkpointing's own.
	 */
	private String prefix = "checkpointing/";

	/**
	 * The AWS region, such as eu-west-1. Unset means the SDK's default region chain (AWS_REGION,
	 * the profile, the instance), or us-east-1 with an endpoint when that finds none.
	 */
	private @Nullable String region;

	/**
	 * The URL of an S3-compatible server (MinIO, Ceph, R2, S3Proxy…), such as
	 * http://localhost:9000. Unset means Amazon S3.
	 */
	private @Nullable URI endpoint;

	/**
	 * Whether the bucket is named in the URL's path (host/bucket/key) rather than its host name
	 * (bucket.host/key). Most S3-compatible servers want true.
	 */
	private boolean pathStyle;

	/**
	 * How long a key's lease lasts unless its holder renews it (every third of it). When a holder
	 * dies, the other instances wait this long before one of them computes the key. At least 3s.
	 */
	private Duration lockLease = Duration.ofSeconds(30);

	/** The size from which an entry is uploaded in parts. */
	private DataSize multipartThreshold = DataSize.ofMegabytes(16);

	/** The size of each part of a multipart upload; at least 5MB, S3's smallest part. */
	private DataSize partSize = DataSize.ofMegabytes(8);

	public @Nullable String getBucket() {
		return this.bucket;
	}

	public void setBucket(@Nullable String bucket) {
		this.bucket = bucket;
	}

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable URI getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable URI endpoint) {
		this.endpoint = endpoint;
	}

	public boolean isPathStyle() {
		return this.pathStyle;
	}

	public void setPathStyle(boolean pathStyle) {
		this.pathStyle = pathStyle;
	}

	public Duration getLockLease() {
		return this.lockLease;
	}

	public void setLockLease(Duration lockLease) {
		this.lockLease = lockLease;
	}

	public DataSize getMultipartThreshold() {
		return this.multipartThreshold;
	}

	public void setMultipartThreshold(DataSize multipartThreshold) {
		this.multipartThreshold = multipartThreshold;
	}

	public DataSize getPartSize() {
		return this.partSize;
	}

	public void setPartSize(DataSize partSize) {
		this.partSize = partSize;
	}

}
