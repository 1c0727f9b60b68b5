package io.checkpointing.spring.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.ByteBufferInputStream;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.StoredEntry;
import io.checkpointing.store.StreamedEntry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the Redis backend promises of entries larger than one chunk, on a standalone Redis and
 * on a cluster: they are written and read a chunk at a time, a reader reads one whole entry even
 * while it is replaced, and their chunks are never listed, counted twice, or left behind.
 * Entries are a few chunks, to keep the tests cheap.
 */
interface RedisChunkedEntriesContract {

	Duration GRACE = Duration.ofMinutes(RedisBackend.GRACE_MINUTES);

	/** @return the backend under test, without time to live */
	RedisBackend redisBackend();

	/** @return a backend on the same store whose entries expire after the time to live */
	RedisBackend redisBackend(Duration timeToLive);

	RedisConnectionFactory redisConnections();

	String redisPrefix();

	@Test
	default void aLargeEntryIsStoredAsChunksAndReadAsAStream() throws Exception {
		byte[] entry = largeEntry(key(1), 'a', 5 * RedisBackend.CHUNK_BYTES / 2);
		redisBackend().writeStream(key(1), (out) -> out.write(entry));
		try (RedisConnection connection = redisConnections().getConnection()) {
			assertThat(connection.stringCommands().strLen(entryKey(key(1)))).as("the entry's key holds no chunk")
				.isEqualTo(ChunkedEntry.LENGTH);
			assertThat(chunkKeys(key(1))).hasSize(3).allSatisfy((chunk) -> assertThat(connection.keyCommands().exists(chunk))
				.isTrue());
		}
		Optional<InputStream> read = redisBackend().readStream(key(1));
		assertThat(read).isPresent();
		try (InputStream in = read.get()) {
			assertThat(in).isNotInstanceOf(ByteBufferInputStream.class);
			StreamedEntry streamed = EntryFormat.open(in, key(1), null);
			assertThat(streamed.header().methodName()).isEqualTo("Work.large");
			assertThat(streamed.payload().readAllBytes()).hasSizeGreaterThan(2 * RedisBackend.CHUNK_BYTES)
				.containsOnly((byte) 'a');
			streamed.verify();
		}
		assertThat(Arrays.equals(bytes(redisBackend().read(key(1)).orElseThrow()), entry)).as("read whole").isTrue();
	}

	@Test
	default void anEntryOfOneChunkStaysOneValueReadAsOneBuffer() throws Exception {
		byte[] entry = largeEntry(key(1), 'a', RedisBackend.CHUNK_BYTES);
		redisBackend().writeStream(key(1), (out) -> out.write(entry));
		try (RedisConnection connection = redisConnections().getConnection()) {
			assertThat(connection.stringCommands().strLen(entryKey(key(1)))).isEqualTo((long) entry.length);
		}
		try (InputStream in = redisBackend().readStream(key(1)).orElseThrow()) {
			assertThat(in).isInstanceOf(ByteBufferInputStream.class);
			assertThat(Arrays.equals(in.readAllBytes(), entry)).isTrue();
		}
		assertThat(allChunks()).isEmpty();
	}

	@Test
	default void aReaderReadsTheEntryItOpenedWhileAWriterReplacesItAndTheOldChunksExpireAfterTheGrace()
			throws Exception {
		byte[] first = largeEntry(key(1), 'a', 3 * RedisBackend.CHUNK_BYTES);
		byte[] second = largeEntry(key(1), 'b', 3 * RedisBackend.CHUNK_BYTES + 1000);
		redisBackend().writeStream(key(1), (out) -> out.write(first));
		List<byte[]> firstChunks = chunkKeys(key(1));
		byte[] readBack;
		try (InputStream in = redisBackend().readStream(key(1)).orElseThrow()) {
			byte[] start = in.readNBytes(first.length / 2);
			redisBackend().writeStream(key(1), (out) -> out.write(second));
			byte[] rest = in.readAllBytes();
			readBack = Arrays.copyOf(start, start.length + rest.length);
			System.arraycopy(rest, 0, readBack, start.length, rest.length);
		}
		assertThat(Arrays.equals(readBack, first)).as("the reader read the entry it opened, whole").isTrue();
		assertThat(Arrays.equals(bytes(redisBackend().read(key(1)).orElseThrow()), second)).isTrue();
		try (RedisConnection connection = redisConnections().getConnection()) {
			assertThat(firstChunks).hasSize(3).allSatisfy((chunk) -> assertThat(connection.keyCommands().pTtl(chunk))
				.as("the replaced chunks' expiry").isBetween(1L, GRACE.toMillis()));
			List<byte[]> secondChunks = chunkKeys(key(1));
			assertThat(secondChunks).hasSize(4).allSatisfy((chunk) -> assertThat(connection.keyCommands().pTtl(chunk))
				.isEqualTo(-1L));
			assertThat(redisBackend().delete(key(1))).isTrue();
			assertThat(secondChunks).allSatisfy((chunk) -> assertThat(connection.keyCommands().pTtl(chunk))
				.as("the deleted chunks' expiry").isBetween(1L, GRACE.toMillis()));
		}
	}

	@Test
	default void chunksGoneBeforeTheReadMakeAMissAndGoneWhileReadingFailTheReadWithoutDeletingTheEntry()
			throws Exception {
		byte[] entry = largeEntry(key(1), 'a', 5 * RedisBackend.CHUNK_BYTES / 2);
		redisBackend().writeStream(key(1), (out) -> out.write(entry));
		List<byte[]> chunks = chunkKeys(key(1));
		try (InputStream in = redisBackend().readStream(key(1)).orElseThrow();
				RedisConnection connection = redisConnections().getConnection()) {
			in.readNBytes(RedisBackend.CHUNK_BYTES);
			connection.keyCommands().unlink(chunks.get(1));
			assertThatExceptionOfType(IOException.class).as("not an early end, which would read as a damaged entry")
				.isThrownBy(in::readAllBytes)
				.withMessageContaining("deleted while it was read");
			assertThat(connection.keyCommands().exists(entryKey(key(1)))).isTrue();
			connection.keyCommands().unlink(chunks.get(0));
		}
		assertThat(redisBackend().readStream(key(1))).isEmpty();
		assertThat(redisBackend().read(key(1))).isEmpty();
		try (Stream<StoredEntry> listed = redisBackend().list()) {
			assertThat(listed).isEmpty();
		}
	}

	@Test
	default void listingCountsEachLargeEntryOnceAtItsSizeAndClearingRemovesItsChunks() throws Exception {
		byte[] large = largeEntry(key(1), 'a', 5 * RedisBackend.CHUNK_BYTES / 2);
		byte[] small = largeEntry(key(2), 'b', 1000);
		redisBackend().writeStream(key(1), (out) -> out.write(large));
		redisBackend().writeStream(key(2), (out) -> out.write(small));
		try (Stream<StoredEntry> listed = redisBackend().list()) {
			assertThat(listed.map((stored) -> stored.key() + " " + stored.size() + " " + stored.header().methodName()))
				.containsExactlyInAnyOrder(key(1) + " " + large.length + " Work.large",
						key(2) + " " + small.length + " Work.large");
		}
		redisBackend().clear();
		assertThat(allChunks()).as("chunks after clear").isEmpty();
		assertThat(redisBackend().read(key(1))).isEmpty();
	}

	@Test
	default void aWriterThatFailsOrIsClearedAwayStoresNothingAndLeavesNoChunks() throws Exception {
		byte[] previous = largeEntry(key(1), 'p', 1000);
		redisBackend().writeStream(key(1), (out) -> out.write(previous));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> redisBackend().writeStream(key(1), (out) -> {
			out.write(new byte[5 * RedisBackend.CHUNK_BYTES / 2]);
			throw new IOException("the serializer failed");
		})).withMessage("the serializer failed");
		assertThat(Arrays.equals(bytes(redisBackend().read(key(1)).orElseThrow()), previous)).isTrue();
		assertThat(allChunks()).as("the failed writer's chunks").isEmpty();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> redisBackend().writeStream(key(2), (out) -> {
			out.write(new byte[3 * RedisBackend.CHUNK_BYTES / 2]);
			redisBackend().clear();
			out.write(new byte[RedisBackend.CHUNK_BYTES]);
		})).withMessageContaining("were deleted while it was written");
		assertThat(redisBackend().read(key(2))).isEmpty();
	}

	@Test
	default void aLargeEntryAndItsChunksExpireWithTheTimeToLiveOrNeverWithoutOne() throws Exception {
		Duration timeToLive = Duration.ofMinutes(30);
		byte[] entry = largeEntry(key(1), 'a', 5 * RedisBackend.CHUNK_BYTES / 2);
		try (RedisBackend expiring = redisBackend(timeToLive);
				RedisConnection connection = redisConnections().getConnection()) {
			expiring.writeStream(key(1), (out) -> out.write(entry));
			assertThat(connection.keyCommands().pTtl(entryKey(key(1)))).isBetween(1L, timeToLive.toMillis());
			assertThat(chunkKeys(key(1))).hasSize(3).allSatisfy((chunk) -> assertThat(connection.keyCommands().pTtl(chunk))
				.as("the chunks outlive the entry by the grace")
				.isBetween(timeToLive.toMillis(), timeToLive.plus(GRACE).toMillis()));
			redisBackend().writeStream(key(2), (out) -> out.write(largeEntry(key(2), 'a', 5 * RedisBackend.CHUNK_BYTES / 2)));
			assertThat(connection.keyCommands().pTtl(entryKey(key(2)))).isEqualTo(-1L);
			assertThat(chunkKeys(key(2))).hasSize(3).allSatisfy((chunk) -> assertThat(connection.keyCommands().pTtl(chunk))
				.isEqualTo(-1L));
		}
	}

	/** @return an entry in the entry format of exactly {@code size} bytes, every payload byte {@code fill} */
	private static byte[] largeEntry(CallKey key, char fill, int size) throws IOException {
		EntryHeader header = new EntryHeader("json", "Work.large", Instant.ofEpochMilli(1_000), Duration.ofSeconds(3),
				"large", 0, List.of());
		int overhead = EntryFormat.encode(key, header, (out) -> {
		}).remaining();
		byte[] payload = new byte[size - overhead];
		Arrays.fill(payload, (byte) fill);
		byte[] entry = bytes(EntryFormat.encode(key, header, (out) -> out.write(payload)));
		assertThat(entry).hasSize(size);
		return entry;
	}

	private static CallKey key(int n) {
		return CallKey.fromHex(String.format("%064x", 0xB10B00L + n));
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	private byte[] entryKey(CallKey key) {
		return (redisPrefix() + key.hex()).getBytes(StandardCharsets.UTF_8);
	}

	/** @return the keys of the chunks the entry's key names now */
	private List<byte[]> chunkKeys(CallKey key) {
		try (RedisConnection connection = redisConnections().getConnection()) {
			byte[] value = connection.stringCommands().get(entryKey(key));
			ChunkedEntry chunked = (value != null) ? ChunkedEntry.of(value) : null;
			assertThat(chunked).as("the entry's key names chunks").isNotNull();
			return IntStream.range(0, chunked.chunks())
				.mapToObj((index) -> new RedisKeys(redisPrefix()).chunk(entryKey(key), chunked.id(), index))
				.toList();
		}
	}

	/** @return every chunk of this store, on every master of a cluster */
	private List<byte[]> allChunks() {
		byte[] pattern = (redisPrefix() + "chunks:*").getBytes(StandardCharsets.UTF_8);
		List<byte[]> lists = new ArrayList<>();
		try (RedisConnection connection = redisConnections().getConnection()) {
			if (connection instanceof RedisClusterConnection cluster) {
				for (RedisClusterNode node : cluster.clusterGetNodes()) {
					if (node.isMaster()) {
						lists.addAll(cluster.keys(node, pattern));
					}
				}
			}
			else {
				lists.addAll(connection.keyCommands().keys(pattern));
			}
		}
		return lists;
	}

}
