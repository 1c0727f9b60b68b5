package io.checkpointing.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryWriter;
import io.checkpointing.store.KeyLock;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Stores each entry as one object {@code <prefix><64 hex digits>} in a bucket of S3 or of an
 * S3-compatible server (MinIO, Ceph, R2…), holding the bytes of the {@link EntryFormat}. S3
 * replaces an object whole when its upload completes, so a reader never sees a partial entry;
 * an entry above the multipart threshold is uploaded in parts ({@link S3MultipartUpload}). The
 * engine's entries are streamed both ways: uploaded as they are written, read as they arrive.
 *
 * <p>A miss is computed once across every process that shares the bucket: the leases
 * {@code <prefix>locks/<hex>} are taken, renewed and released with S3's conditional writes
 * ({@link S3KeyLeases}), and the lease of a holder that died expires.
 *
 * <p>Listing pages through the prefix and reads the first few kilobytes of each entry for its
 * header; clearing deletes the entries a thousand at a time and keeps the leases.
 */
public final class S3Backend implements CacheBackend, AutoCloseable {

	private static final int DELETE_BATCH = 1000;

	private static final String LOCKS = "locks/";

	private final S3Client client;

	private final boolean closeClient;

	private final String bucket;

	private final String prefix;

	private final @Nullable URI endpoint;

	private final S3MultipartUpload multipart;

	private final long multipartThreshold;

	private final S3KeyLeases leases;

	/**
	 * @param client the S3 client
	 * @param closeClient whether closing the backend closes the client (the backend made it)
	 * @param bucket the bucket, which must exist
	 * @param prefix the start of every object key the backend writes; may be empty for a
	 * bucket of its own
	 * @param endpoint the S3-compatible server the client talks to, for {@link #location()};
	 * null for AWS
	 * @param lockLease how long a key's lease lasts unless its holder renews it
	 * @param multipartThreshold the size from which an entry is uploaded in parts
	 * @param partSize the size of each part, at least 5 MiB (S3's minimum)
	 * @see S3BackendBuilder#build() which checks the settings
	 */
	S3Backend(S3Client client, boolean closeClient, String bucket, String prefix, @Nullable URI endpoint,
			Duration lockLease, long multipartThreshold, long partSize) {
		this.client = client;
		this.closeClient = closeClient;
		this.bucket = bucket;
		this.prefix = prefix;
		this.endpoint = endpoint;
		this.multipart = new S3MultipartUpload(client, bucket, multipartThreshold, partSize);
		this.multipartThreshold = multipartThreshold;
		this.leases = new S3KeyLeases(client, bucket, lockLease);
	}

	@Override
	public Optional<ByteBuffer> read(CallKey key) throws IOException {
		try {
			byte[] entry = this.client.getObjectAsBytes((get) -> get.bucket(this.bucket).key(entryKey(key)))
				.asByteArrayUnsafe();
			return Optional.of(ByteBuffer.wrap(entry));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (SdkException ex) {
			throw failure("read an entry", ex);
		}
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) throws IOException {
		ByteBuffer bytes = entry.duplicate();
		try {
			if (this.multipart.isFor(bytes.remaining())) {
				this.multipart.upload(entryKey(key), bytes);
			}
			else {
				this.client.putObject((put) -> put.bucket(this.bucket).key(entryKey(key)),
						S3MultipartUpload.body(bytes));
			}
		}
		catch (SdkException ex) {
			throw failure("write an entry", ex);
		}
	}

	/**
	 * Streams the object from S3 as the engine reads it: an entry is never held whole here.
	 * Closing the stream before its end aborts the response ({@link S3EntryStream}).
	 */
	@Override
	public Optional<InputStream> readStream(CallKey key) throws IOException {
		try {
			return Optional.of(new S3EntryStream(this.client.getObject((get) -> get.bucket(this.bucket).key(entryKey(key)))));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (SdkException ex) {
			throw failure("read an entry", ex);
		}
	}

	/**
	 * Reads the header with ranged GETs, as a listing does ({@link S3EntryHeaders}): a few
	 * kilobytes, never the payload.
	 */
	@Override
	public Optional<ByteBuffer> readHead(CallKey key) throws IOException {
		try {
			return Optional.of(ByteBuffer.wrap(new S3EntryHeaders(this.client, this.bucket).head(entryKey(key), Long.MAX_VALUE)));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (SdkException ex) {
			throw failure("read an entry", ex);
		}
	}

	/**
	 * Uploads the entry as it is written ({@link S3UploadStream}): one PUT below the multipart
	 * threshold, parts sent as they fill above it. An entry whose writer fails is not stored, and
	 * its upload, if one began, is aborted.
	 */
	@Override
	public void writeStream(CallKey key, EntryWriter entry) throws IOException {
		S3UploadStream upload = new S3UploadStream(this.client, this.bucket, entryKey(key), this.multipart,
				this.multipartThreshold);
		try {
			entry.writeTo(upload);
			upload.finish();
		}
		catch (SdkException ex) {
			upload.abandon(ex);
			throw failure("write an entry", ex);
		}
		catch (IOException | RuntimeException | Error ex) {
			// An Error too (a serializer's StackOverflowError, an OutOfMemoryError), which the engine
			// handles a level up: an upload left open would keep its parts, billed, for ever.
			upload.abandon(ex);
			throw ex;
		}
	}

	/**
	 * Asks S3 whether the entry exists, then deletes it: S3's delete says nothing of what it
	 * deleted.
	 */
	@Override
	public boolean delete(CallKey key) throws IOException {
		String objectKey = entryKey(key);
		try {
			this.client.headObject((head) -> head.bucket(this.bucket).key(objectKey));
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false; // a HEAD has no body to name the error
			}
			throw failure("delete an entry", ex);
		}
		catch (SdkException ex) {
			throw failure("delete an entry", ex);
		}
		try {
			this.client.deleteObject((delete) -> delete.bucket(this.bucket).key(objectKey));
			return true;
		}
		catch (SdkException ex) {
			throw failure("delete an entry", ex);
		}
	}

	/**
	 * Pages through the entries under the prefix and reads each one's header with a ranged GET.
	 * The list is read whole before it is returned.
	 */
	@Override
	public Stream<StoredEntry> list() throws IOException {
		try {
			S3EntryHeaders headers = new S3EntryHeaders(this.client, this.bucket);
			List<StoredEntry> entries = new ArrayList<>();
			for (S3Object object : entryObjects()) {
				CallKey key = CallKey.fromHex(object.key().substring(this.prefix.length()));
				headers.describe(key, object.key(), object.size()).ifPresent(entries::add);
			}
			return entries.stream();
		}
		catch (SdkException ex) {
			throw failure("list the entries", ex);
		}
	}

	@Override
	public void clear() throws IOException {
		try {
			List<S3Object> objects = entryObjects();
			for (int start = 0; start < objects.size(); start += DELETE_BATCH) {
				List<ObjectIdentifier> batch = objects.subList(start, Math.min(objects.size(), start + DELETE_BATCH))
					.stream()
					.map((object) -> ObjectIdentifier.builder().key(object.key()).build())
					.toList();
				DeleteObjectsResponse deleted = this.client.deleteObjects((delete) -> delete.bucket(this.bucket)
					.delete((objectsToDelete) -> objectsToDelete.objects(batch).quiet(true)));
				if (deleted.hasErrors() && !deleted.errors().isEmpty()) {
					throw new IOException("Cannot clear the entries in " + location() + ": " + deleted.errors().size()
							+ " were not deleted, the first " + deleted.errors().get(0).key() + ": "
							+ deleted.errors().get(0).message());
				}
			}
		}
		catch (SdkException ex) {
			throw failure("clear the entries", ex);
		}
	}

	@Override
	public Optional<KeyLock> tryLock(CallKey key) throws IOException {
		try {
			return this.leases.tryAcquire(this.prefix + LOCKS + key.hex());
		}
		catch (SdkException ex) {
			throw new IOException("Cannot lock key " + key + " in " + location() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String location() {
		return "s3://" + this.bucket + "/" + this.prefix + ((this.endpoint != null) ? " at " + this.endpoint : "");
	}

	/**
	 * Stops renewing leases (those still held expire on their own), and closes the client if the
	 * backend made it.
	 */
	@Override
	public void close() {
		this.leases.close();
		if (this.closeClient) {
			this.client.close();
		}
	}

	/** The objects directly under the prefix whose name is a key: entries, not leases or others. */
	private List<S3Object> entryObjects() {
		return this.client.listObjectsV2Paginator((list) -> list.bucket(this.bucket).prefix(this.prefix))
			.contents()
			.stream()
			.filter((object) -> isEntryName(object.key()))
			.toList();
	}

	private boolean isEntryName(String objectKey) {
		if (objectKey.length() != this.prefix.length() + 64 || !objectKey.startsWith(this.prefix)) {
			return false;
		}
		for (int i = this.prefix.length(); i < objectKey.length(); i++) {
			if (Character.digit(objectKey.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	private String entryKey(CallKey key) {
		return this.prefix + key.hex();
	}

	/**
	 * The description is a constant, not built per call: a hit pays for no message it does not
	 * need, and the engine warns once per failure instead of once per key.
	 */
	private IOException failure(String description, SdkException ex) {
		return new IOException("Cannot " + description + " in " + location() + ": " + ex.getMessage(), ex);
	}

}
