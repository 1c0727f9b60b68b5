package io.checkpointing.store.s3;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import io.checkpointing.store.KeyLock;
import io.checkpointing.store.LeaseRenewals;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Leases on keys, each an object {@code <prefix>locks/<hex>} changed only by S3's conditional
 * writes, so that of two processes that race for a lease exactly one wins:
 * <ul>
 * <li>the first holder creates it with {@code If-None-Match: *};
 * <li>the holder renews it every third of the lease by writing it again with {@code If-Match}
 * on the ETag it holds, which moves its {@code Last-Modified}; each renewal numbers itself in
 * the body, so that its ETag is new: a process that read the lease before a renewal, and found
 * it expired, cannot then take it with the ETag it read;
 * <li>the holder releases it by writing {@code released} over it, again with {@code If-Match};
 * <li>another process takes a released lease, or one that has not been renewed for longer than
 * the lease its holder wrote into it, with {@code If-Match} on the ETag it read.
 * </ul>
 * Whether a lease expired is judged on the S3 server's clock alone ({@code Last-Modified}
 * against the {@code Date} of the same response), so the processes' clocks need not agree.
 * Every body holds a random token, so no two writes have the same ETag. A released lease stays
 * as a small object (see {@code docs/backends.md} for a lifecycle rule): deleting it could
 * delete the lease another process has just taken, since S3 servers do not all delete
 * conditionally.
 */
final class S3KeyLeases implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(S3Backend.class);

	/** {@code Last-Modified} and {@code Date} have whole seconds: a lease is judged a second late. */
	private static final Duration CLOCK_RESOLUTION = Duration.ofSeconds(1);

	private static final String RELEASED = "released";

	private final S3Client client;

	private final String bucket;

	private final Duration lease;

	private final ScheduledExecutorService renewals;

	S3KeyLeases(S3Client client, String bucket, Duration lease) {
		this.client = client;
		this.bucket = bucket;
		this.lease = lease;
		this.renewals = LeaseRenewals.scheduler("checkpointing-s3-lease");
	}

	/**
	 * @param objectKey the key of the lease object
	 * @return the held lease, or empty if another process holds it
	 * @throws SdkException if S3 cannot be reached
	 */
	Optional<KeyLock> tryAcquire(String objectKey) {
		String body = "lease-ms=" + this.lease.toMillis() + "\ntoken=" + UUID.randomUUID() + "\n";
		Optional<String> created = S3Writes.conditionalPut(this.client, this.bucket, objectKey, body, null);
		if (created.isPresent()) {
			return Optional.of(new Lease(objectKey, body, created.get()));
		}
		ResponseBytes<GetObjectResponse> current;
		try {
			current = this.client.getObjectAsBytes((get) -> get.bucket(this.bucket).key(objectKey));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty(); // removed since: the next try creates it
		}
		if (!isReleasedOrExpired(current)) {
			return Optional.empty();
		}
		return S3Writes.conditionalPut(this.client, this.bucket, objectKey, body, current.response().eTag())
			.map((etag) -> new Lease(objectKey, body, etag));
	}

	private static boolean isReleasedOrExpired(ResponseBytes<GetObjectResponse> lease) {
		String body = lease.asUtf8String();
		if (body.startsWith(RELEASED)) {
			return true;
		}
		Duration length = leaseLength(body);
		Instant lastModified = lease.response().lastModified();
		Instant now = lease.response().sdkHttpResponse().firstMatchingHeader("Date").map(S3KeyLeases::httpDate)
			.orElseGet(Instant::now);
		return length == null || lastModified == null
				|| Duration.between(lastModified, now).compareTo(length.plus(CLOCK_RESOLUTION)) > 0;
	}

	/** The lease its holder wrote, or {@code null} if the object is not a lease (taken as expired). */
	private static @Nullable Duration leaseLength(String body) {
		for (String line : body.lines().toList()) {
			if (line.startsWith("lease-ms=")) {
				try {
					return Duration.ofMillis(Long.parseLong(line.substring("lease-ms=".length())));
				}
				catch (NumberFormatException ex) {
					return null;
				}
			}
		}
		return null;
	}

	private static Instant httpDate(String date) {
		try {
			return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return Instant.now();
		}
	}

	@Override
	public void close() {
		this.renewals.shutdownNow();
	}

	private final class Lease implements KeyLock {

		private final String objectKey;

		private final String body;

		private volatile String etag;

		/** Renewals so far, each written into the body so that each one changes the ETag. */
		private long renewals;

		private final LeaseRenewals.Renewal renewal;

		private final AtomicBoolean released = new AtomicBoolean();

		Lease(String objectKey, String body, String etag) {
			this.objectKey = objectKey;
			this.body = body;
			this.etag = etag;
			this.renewal = LeaseRenewals.renew(S3KeyLeases.this.renewals, S3KeyLeases.this.lease, this::renew);
		}

		private void renew() {
			Optional<String> renewed;
			try {
				renewed = S3Writes.conditionalPut(S3KeyLeases.this.client, S3KeyLeases.this.bucket, this.objectKey,
						this.body + "renewal=" + (this.renewals + 1) + "\n", this.etag);
			}
			catch (SdkException ex) {
				// Tried again at the next period; if S3 stays away the lease expires, as if we died.
				logger.debug("Could not renew the lease {}", this.objectKey, ex);
				return;
			}
			if (renewed.isPresent()) {
				this.renewals++;
				this.etag = renewed.get();
			}
			else {
				logger.warn("Lost the lease {} (it expired before it was renewed): another process may compute"
						+ " the same key; raise checkpointing.s3.lock-lease if S3 or this JVM pauses that long",
						this.objectKey);
				throw new LostLeaseException();
			}
		}

		/**
		 * Stops the renewal first, waiting for one in flight: the release is conditional on the
		 * ETag, which a renewal changes.
		 */
		@Override
		public void close() throws IOException {
			if (this.released.compareAndSet(false, true)) {
				this.renewal.stop();
				String releasedBody = RELEASED + "\n" + this.body;
				try {
					S3Writes.conditionalPut(S3KeyLeases.this.client, S3KeyLeases.this.bucket, this.objectKey,
							releasedBody, this.etag);
				}
				catch (SdkException ex) {
					throw new IOException("Cannot release the lease " + this.objectKey + "; it expires by itself: "
							+ ex.getMessage(), ex);
				}
			}
		}

	}

	/** Ends a lease's renewal: a periodic task that throws is not run again. */
	private static final class LostLeaseException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		LostLeaseException() {
			super(null, null, false, false);
		}

	}

}
