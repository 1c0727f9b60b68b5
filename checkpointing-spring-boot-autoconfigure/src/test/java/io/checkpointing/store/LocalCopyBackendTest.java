package io.checkpointing.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import io.checkpointing.services.SharedServices;
import io.checkpointing.spring.redis.RedisBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** A local copy in front of a real Redis: read first, filled by reads and writes, emptied with it. */
@Tag("services")
class LocalCopyBackendTest {

	private static final int LOCAL_LIMIT = 16 * 1024;

	@TempDir
	Path directory;

	private LettuceConnectionFactory connectionFactory;

	private FilesystemBackend local;

	private RedisBackend shared;

	private LocalCopyBackend tiers;

	@BeforeEach
	void createTiers() {
		this.connectionFactory = SharedServices.redis().connectionFactory();
		this.local = new FilesystemBackend(this.directory.resolve("local"), LOCAL_LIMIT);
		this.shared = new RedisBackend(this.connectionFactory, SharedServices.uniqueName("local-copy") + ":", null,
				Duration.ofSeconds(30));
		this.tiers = new LocalCopyBackend(this.local, this.shared, (header) -> !header.methodName().startsWith("volatile "));
	}

	@AfterEach
	void removeTiers() throws Exception {
		try {
			this.tiers.clear();
		}
		finally {
			this.local.close();
			this.shared.close();
			this.connectionFactory.destroy();
		}
	}

	@Test
	void aWrittenEntryIsReadFromTheLocalCopyEvenAfterTheSharedStoreLostIt() throws Exception {
		this.tiers.write(key(1), entry(key(1), "Work.square", "four"));
		assertThat(this.local.read(key(1))).isPresent();
		this.shared.delete(key(1));
		assertThat(bytes(this.tiers.read(key(1)))).isEqualTo(bytes(entry(key(1), "Work.square", "four")));
	}

	@Test
	void anEntryAnotherProcessStoredIsCopiedWhenFirstRead() throws Exception {
		this.shared.write(key(2), entry(key(2), "Work.square", "nine"));
		assertThat(this.local.read(key(2))).isEmpty();
		assertThat(this.tiers.read(key(2))).isPresent();
		assertThat(bytes(this.local.read(key(2)))).isEqualTo(bytes(entry(key(2), "Work.square", "nine")));
	}

	@Test
	void deleteAndClearRemoveTheEntryFromBothStores() throws Exception {
		this.tiers.write(key(1), entry(key(1), "Work.square", "four"));
		this.tiers.write(key(2), entry(key(2), "Work.square", "nine"));
		assertThat(this.tiers.delete(key(1))).isTrue();
		assertThat(this.local.read(key(1))).isEmpty();
		assertThat(this.shared.read(key(1))).isEmpty();
		this.tiers.clear();
		assertThat(this.local.read(key(2))).isEmpty();
		assertThat(this.shared.read(key(2))).isEmpty();
	}

	@Test
	void anEntryLargerThanTheLocalLimitIsStoredInTheSharedStoreOnly() throws Exception {
		ByteBuffer large = entry(key(3), "Work.report", "x".repeat(LOCAL_LIMIT * 2));
		this.tiers.write(key(3), large);
		assertThat(this.local.read(key(3))).isEmpty();
		assertThat(bytes(this.tiers.read(key(3)))).isEqualTo(bytes(large));
	}

	@Test
	void entriesTheFilterRefusesAndDamagedEntriesAreNotCopied() throws Exception {
		this.tiers.write(key(4), entry(key(4), "volatile counter", "1"));
		this.shared.write(key(5), ByteBuffer.wrap("not an entry".getBytes(StandardCharsets.UTF_8)));
		assertThat(this.tiers.read(key(5))).isPresent();
		assertThat(this.local.read(key(4))).isEmpty();
		assertThat(this.local.read(key(5))).isEmpty();
	}

	@Test
	void aLocalCopyThatCannotBeWrittenLeavesTheSharedStoreInUse() throws Exception {
		Path blocked = Files.writeString(this.directory.resolve("local"), "a file where the directory should be");
		try {
			this.tiers.write(key(1), entry(key(1), "Work.square", "four"));
			assertThat(bytes(this.tiers.read(key(1)))).isEqualTo(bytes(entry(key(1), "Work.square", "four")));
			this.shared.write(key(2), entry(key(2), "Work.square", "nine"));
			assertThat(this.tiers.read(key(2))).isPresent();
		}
		finally {
			Files.delete(blocked);
		}
	}

	@Test
	void aLocalCopyTheSharedStoreLostIsListedAndSoEvictedWithTheOthers() throws Exception {
		this.tiers.write(key(1), entry(key(1), "Work.square", "four"));
		this.tiers.write(key(2), entry(key(2), "Work.square", "nine"));
		this.shared.delete(key(1));
		try (Stream<StoredEntry> listed = this.tiers.list()) {
			assertThat(listed).extracting(StoredEntry::key).containsExactlyInAnyOrder(key(1), key(2));
		}
		assertThat(this.tiers.delete(key(1))).isTrue();
		assertThat(this.tiers.read(key(1))).as("no longer served from the local copy").isEmpty();
	}

	@Test
	void locksAndListingsAreTheSharedStores() throws Exception {
		this.shared.write(key(6), entry(key(6), "Work.square", "36"));
		try (Stream<StoredEntry> listed = this.tiers.list()) {
			assertThat(listed).extracting(StoredEntry::key).containsExactly(key(6));
		}
		try (KeyLock held = this.tiers.tryLock(key(6)).orElseThrow()) {
			assertThat(this.shared.tryLock(key(6))).as("held in Redis").isEmpty();
		}
	}

	@Test
	void aStreamedWriteReachesBothStores() throws Exception {
		byte[] four = bytes(entry(key(1), "Work.square", "four"));
		this.tiers.writeStream(key(1), (out) -> out.write(four));
		assertThat(bytes(this.local.read(key(1)))).isEqualTo(four);
		assertThat(bytes(this.shared.read(key(1)))).isEqualTo(four);
		try (InputStream in = this.tiers.readStream(key(1)).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(four);
		}
	}

	@Test
	void aStreamedWriteLargerThanTheLocalLimitIsStoredInTheSharedStoreOnly() throws Exception {
		byte[] large = bytes(entry(key(3), "Work.report", "x".repeat(LOCAL_LIMIT * 2)));
		this.tiers.writeStream(key(3), (out) -> out.write(large));
		assertThat(this.local.read(key(3))).isEmpty();
		assertThat(bytes(this.shared.read(key(3)))).isEqualTo(large);
	}

	@Test
	void aStreamedWriteWhoseWriterFailsStoresNothing() throws Exception {
		assertThatIOException().isThrownBy(() -> this.tiers.writeStream(key(1), (out) -> {
			out.write(bytes(entry(key(1), "Work.square", "four")), 0, 20);
			throw new IOException("the serializer failed");
		})).withMessage("the serializer failed");
		assertThat(this.local.read(key(1))).isEmpty();
		assertThat(this.shared.read(key(1))).isEmpty();
	}

	@Test
	void aStreamedWriteOfAnEntryTheFilterRefusesIsNotCopied() throws Exception {
		byte[] counter = bytes(entry(key(4), "volatile counter", "1"));
		this.tiers.writeStream(key(4), (out) -> out.write(counter));
		assertThat(this.local.read(key(4))).isEmpty();
		assertThat(bytes(this.shared.read(key(4)))).isEqualTo(counter);
	}

	@Test
	void anEntryLargerThanTheLocalLimitFromAStoreThatTellsItsSizeIsReadOnceAndNotCopied() throws Exception {
		PlainStreams sized = new PlainStreams(this.shared, true, new AtomicInteger());
		LocalCopyBackend streaming = new LocalCopyBackend(this.local, sized, (header) -> true);
		byte[] large = bytes(entry(key(3), "Work.report", "x".repeat(LOCAL_LIMIT * 2)));
		this.shared.write(key(3), ByteBuffer.wrap(large));
		try (InputStream in = streaming.readStream(key(3)).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(large);
		}
		assertThat(sized.opened()).as("streamed through once, not copied, refused and read again").hasValue(1);
		assertThat(this.local.read(key(3))).isEmpty();
	}

	@Test
	void anEntryStreamedFromTheSharedStoreIsCopiedAndReadFromTheCopy() throws Exception {
		LocalCopyBackend streaming = new LocalCopyBackend(this.local, new PlainStreams(this.shared, false,
				new AtomicInteger()), (header) -> true);
		byte[] nine = bytes(entry(key(2), "Work.square", "nine"));
		this.shared.write(key(2), ByteBuffer.wrap(nine));
		try (InputStream in = streaming.readStream(key(2)).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(nine);
		}
		assertThat(bytes(this.local.read(key(2)))).isEqualTo(nine);
		byte[] large = bytes(entry(key(3), "Work.report", "x".repeat(LOCAL_LIMIT * 2)));
		this.shared.write(key(3), ByteBuffer.wrap(large));
		try (InputStream in = streaming.readStream(key(3)).orElseThrow()) {
			assertThat(in.readAllBytes()).as("too large to copy, read from the shared store").isEqualTo(large);
		}
		assertThat(this.local.read(key(3))).isEmpty();
		this.shared.write(key(5), ByteBuffer.wrap("not an entry".getBytes(StandardCharsets.UTF_8)));
		try (InputStream in = streaming.readStream(key(5)).orElseThrow()) {
			assertThat(in.readAllBytes()).as("returned as it is, for the engine to refuse").asString(StandardCharsets.UTF_8)
				.isEqualTo("not an entry");
		}
		assertThat(this.local.read(key(5))).isEmpty();
	}

	/**
	 * The Redis backend, with entries read as plain streams, as a store that streams them returns
	 * them: with their size told, as S3 and JDBC tell it, or not.
	 * @param opened counts the streams opened
	 */
	private record PlainStreams(RedisBackend redis, boolean sized, AtomicInteger opened) implements CacheBackend {

		@Override
		public Optional<InputStream> readStream(CallKey key) throws IOException {
			this.opened.incrementAndGet();
			return this.redis.read(key).map((entry) -> this.sized ? new SizedStream(bytes(entry))
					: new ByteArrayInputStream(bytes(entry)));
		}

		@Override
		public Optional<ByteBuffer> read(CallKey key) throws IOException {
			return this.redis.read(key);
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) throws IOException {
			this.redis.write(key, entry);
		}

		@Override
		public boolean delete(CallKey key) throws IOException {
			return this.redis.delete(key);
		}

		@Override
		public Stream<StoredEntry> list() throws IOException {
			return this.redis.list();
		}

		@Override
		public void clear() throws IOException {
			this.redis.clear();
		}

		@Override
		public String location() {
			return this.redis.location();
		}

	}

	private static final class SizedStream extends ByteArrayInputStream implements SizedEntryStream {

		SizedStream(byte[] entry) {
			super(entry);
		}

		@Override
		public long entrySize() {
			return this.count;
		}

	}

	private static CallKey key(int n) {
		return CallKey.fromHex(String.format("%064x", 0xBEEF00L + n));
	}

	private static ByteBuffer entry(CallKey key, String methodName, String payload) throws java.io.IOException {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return EntryFormat.encode(key, new EntryHeader("json", methodName, Instant.ofEpochMilli(1_700_000_000_000L),
				Duration.ofMillis(12), "(" + payload.length() + ")", 0, List.of()), (out) -> out.write(bytes));
	}

	private static byte[] bytes(Optional<ByteBuffer> entry) {
		assertThat(entry).as("an entry").isPresent();
		byte[] bytes = new byte[entry.get().remaining()];
		entry.get().duplicate().get(bytes);
		return bytes;
	}

	private static byte[] bytes(ByteBuffer entry) {
		return bytes(Optional.of(entry));
	}

}
