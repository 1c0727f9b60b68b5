package io.checkpointing.store.s3;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.S3Endpoint;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CacheBackendContract;
import io.checkpointing.store.KeyLock;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

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
