package io.checkpointing.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.S3Endpoint;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CacheBackendContract;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.KeyLock;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The S3 backend keeps the contract on a real S3 API server (S3Proxy on loopback), under a
 * prefix of its own, with the smallest lease S3's whole-second times allow.
 */
@Tag("services")
class S3BackendContractTest extends CacheBackendContract {

	private static final Duration LEASE = Duration.ofSeconds(3);

	private S3Endpoint s3;

	private S3Client client;

	private String prefix;

	@Override
	protected CacheBackend createBackend() {
		this.s3 = SharedServices.s3();
		this.client = this.s3.client();
		this.prefix = SharedServices.uniqueName("contract") + "/";
		return new S3BackendBuilder(this.s3.bucket()).client(this.client).prefix(this.prefix).lockLease(LEASE).build();
	}

	@Override
	protected void destroyBackend(CacheBackend backend) {
		((S3Backend) backend).close();
		this.client.close();
	}

	/** The other process's lease, which it never renews: it died right after taking it. */
	@Override
	protected AutoCloseable lockAndDie(CallKey key) {
		assertThat(S3Writes.conditionalPut(this.client, this.s3.bucket(), lockKey(key),
				"lease-ms=" + LEASE.toMillis() + "\ntoken=a process that died\n", null)).isPresent();
		return () -> {
		};
	}

	@Override
	protected void copyEntry(CallKey from, CallKey to) {
		this.client.copyObject((copy) -> copy.sourceBucket(this.s3.bucket()).sourceKey(entryKey(from))
			.destinationBucket(this.s3.bucket()).destinationKey(entryKey(to)));
	}

	@Override
	protected void renameEntry(CallKey from, CallKey to) {
		copyEntry(from, to);
		this.client.deleteObject((delete) -> delete.bucket(this.s3.bucket()).key(entryKey(from)));
	}

	@Test
	void aHolderRenewsItsLeaseForAsLongAsItComputes() throws Exception {
		KeyLock held = backend().tryLock(key(1)).orElseThrow();
		try {
			Thread.sleep(LEASE.toMillis() * 3);
			assertThat(backend().tryLock(key(1))).as("still held after three leases").isEmpty();
		}
		finally {
			held.close();
		}
		Optional<KeyLock> next = backend().tryLock(key(1));
		assertThat(next).as("a released lease is taken at once").isPresent();
		next.get().close();
	}

	@Test
	void aReleaseRacingARenewalWaitsForItAndReleasesTheRenewedLease() throws Exception {
		CountDownLatch renewed = new CountDownLatch(1);
		CountDownLatch proceed = new CountDownLatch(1);
		AtomicBoolean paused = new AtomicBoolean();
		// Holds the first renewal after S3 stored it, before the lease learned its new ETag.
		ExecutionInterceptor pauseFirstRenewal = new ExecutionInterceptor() {
			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof PutObjectRequest put && put.ifMatch() != null
						&& Thread.currentThread().getName().equals("checkpointing-s3-lease") && paused.compareAndSet(false, true)) {
					renewed.countDown();
					try {
						proceed.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
		};
		try (S3Client pausing = S3Client.builder().endpointOverride(this.s3.endpoint()).region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(this.s3.accessKey(),
					this.s3.secretKey())))
			.overrideConfiguration((configuration) -> configuration.addExecutionInterceptor(pauseFirstRenewal))
			.build();
				S3Backend leases = new S3BackendBuilder(this.s3.bucket()).client(pausing).prefix(this.prefix)
					.lockLease(LEASE).build()) {
			KeyLock held = leases.tryLock(key(1)).orElseThrow();
			assertThat(renewed.await(30, TimeUnit.SECONDS)).as("renewed").isTrue();
			CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
				try {
					held.close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			try {
				release.get(500, TimeUnit.MILLISECONDS); // a release that does not wait for the renewal ends meanwhile
			}
			catch (TimeoutException waiting) {
				// it waits for the renewal, as it should
			}
			proceed.countDown();
			release.get(30, TimeUnit.SECONDS);
		}
		Optional<KeyLock> next = backend().tryLock(key(1));
		assertThat(next).as("released, so taken at once, long before the renewed lease would expire").isPresent();
		next.get().close();
	}

	@Test
	void aLargeEntryIsUploadedInPartsAndASmallOneInOnePut() throws Exception {
		backend().write(key(1), entry(key(1), "Work.square", "small"));
		String large = "x".repeat(6 * 1024 * 1024);
		try (S3Backend inParts = new S3BackendBuilder(this.s3.bucket()).client(this.client).prefix(this.prefix)
			.multipartThreshold(5 * 1024 * 1024).partSize(5 * 1024 * 1024).build()) {
			inParts.write(key(2), entry(key(2), "Work.large", large));
			assertThat(bytes(inParts.read(key(2)))).isEqualTo(bytes(entry(key(2), "Work.large", large)));
		}
		// S3 gives an object uploaded in parts the ETag "<hash>-<number of parts>".
		assertThat(this.client.headObject((head) -> head.bucket(this.s3.bucket()).key(entryKey(key(2)))).eTag())
			.endsWith("-2\"");
		assertThat(this.client.headObject((head) -> head.bucket(this.s3.bucket()).key(entryKey(key(1)))).eTag())
			.doesNotContain("-");
	}

	@Test
	void aStreamedEntryIsUploadedInPartsAsItIsWritten() throws Exception {
		byte[] entry = bytes(entry(key(1), "Work.large", "y".repeat(12 * 1024 * 1024)));
		try (S3Backend inParts = new S3BackendBuilder(this.s3.bucket()).client(this.client).prefix(this.prefix)
			.multipartThreshold(5 * 1024 * 1024).partSize(5 * 1024 * 1024).build()) {
			inParts.writeStream(key(1), (out) -> {
				for (int start = 0; start < entry.length; start += 100_000) {
					out.write(entry, start, Math.min(100_000, entry.length - start));
				}
			});
			try (InputStream read = inParts.readStream(key(1)).orElseThrow()) {
				assertThat(read.readAllBytes()).isEqualTo(entry);
			}
		}
		assertThat(this.client.headObject((head) -> head.bucket(this.s3.bucket()).key(entryKey(key(1)))).eTag())
			.as("three parts: 5 MB, 5 MB and the rest").endsWith("-3\"");
	}

	@Test
	void aStreamedEntryWhoseWriterFailsIsNotStoredEvenAfterItsFirstParts() throws Exception {
		backend().write(key(1), entry(key(1), "Work.square", "the old entry"));
		try (S3Backend inParts = new S3BackendBuilder(this.s3.bucket()).client(this.client).prefix(this.prefix)
			.multipartThreshold(5 * 1024 * 1024).partSize(5 * 1024 * 1024).build()) {
			assertThatIOException().isThrownBy(() -> inParts.writeStream(key(1), (out) -> {
				out.write(new byte[11 * 1024 * 1024]);
				throw new IOException("the result could not be serialized");
			})).withMessage("the result could not be serialized");
		}
		assertThat(bytes(backend().read(key(1)))).as("the old entry stays")
			.isEqualTo(bytes(entry(key(1), "Work.square", "the old entry")));
	}

	@Test
	void clearLeavesLeasesAndOtherObjectsUnderThePrefixAlone() throws Exception {
		String notes = this.prefix + "notes.txt";
		String otherPrefix = this.prefix + "x" + key(1).hex();
		this.client.putObject((put) -> put.bucket(this.s3.bucket()).key(notes), RequestBody.fromString("notes"));
		this.client.putObject((put) -> put.bucket(this.s3.bucket()).key(otherPrefix), RequestBody.fromString("other"));
		try {
			backend().write(key(1), entry(key(1), "Work.square", "four"));
			try (KeyLock held = backend().tryLock(key(2)).orElseThrow()) {
				try (Stream<StoredEntry> listed = backend().list()) {
					assertThat(listed.map(StoredEntry::key)).containsExactly(key(1));
				}
				backend().clear();
				assertThat(backend().read(key(1))).isEmpty();
				assertThat(this.client.headObject((head) -> head.bucket(this.s3.bucket()).key(notes)).contentLength())
					.isEqualTo(5);
				assertThat(this.client.headObject((head) -> head.bucket(this.s3.bucket()).key(otherPrefix))
					.contentLength()).isEqualTo(5);
				assertThat(backend().tryLock(key(2))).as("clear keeps leases").isEmpty();
			}
		}
		finally {
			this.client.deleteObject((delete) -> delete.bucket(this.s3.bucket()).key(notes));
			this.client.deleteObject((delete) -> delete.bucket(this.s3.bucket()).key(otherPrefix));
		}
	}

	@Test
	void theLeaseIsAnObjectThatOnlyConditionalWritesChange() {
		assertThat(S3Writes.conditionalPut(this.client, this.s3.bucket(), lockKey(key(3)), "first", null)).isPresent();
		assertThat(S3Writes.conditionalPut(this.client, this.s3.bucket(), lockKey(key(3)), "second", null))
			.as("If-None-Match: * on an existing object").isEmpty();
		assertThat(S3Writes.conditionalPut(this.client, this.s3.bucket(), lockKey(key(3)), "third", "\"not-its-etag\""))
			.as("If-Match with another ETag").isEmpty();
		assertThat(this.client.getObjectAsBytes((get) -> get.bucket(this.s3.bucket()).key(lockKey(key(3)))).asUtf8String())
			.isEqualTo("first");
	}

	@Test
	void aHeaderLongerThanTheFormatAllowsIsDamageAndIsNotRead() throws Exception {
		byte[] entry = bytes(entry(key(1), "Work.square", "four"));
		int claimed = EntryFormat.MAX_HEADER_BYTES + 1;
		// As large as the header it claims, so that only the format's limit tells it is damaged.
		byte[] object = Arrays.copyOf(entry, claimed + 100);
		ByteBuffer.wrap(object).putInt(8, claimed);
		this.client.putObject((put) -> put.bucket(this.s3.bucket()).key(entryKey(key(1))), RequestBody.fromBytes(object));
		try (Stream<StoredEntry> listed = backend().list()) {
			assertThat(listed).as("left out as damaged").isEmpty();
		}
		assertThat(bytes(backend().readHead(key(1))).length).as("the first read, not the claimed header")
			.isLessThan(claimed);
	}

	@Test
	void theLocationNamesTheBucketAndThePrefix() {
		assertThat(backend().location()).isEqualTo("s3://" + this.s3.bucket() + "/" + this.prefix);
	}

	private String entryKey(CallKey key) {
		return this.prefix + key.hex();
	}

	private String lockKey(CallKey key) {
		return this.prefix + "locks/" + key.hex();
	}

}
