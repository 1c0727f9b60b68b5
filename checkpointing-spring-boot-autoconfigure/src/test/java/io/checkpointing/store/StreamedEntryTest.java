package io.checkpointing.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Entries written and read front to back, checksummed and signed on the way. */
class StreamedEntryTest {

	private static final CallKey KEY = CallKey.fromHex("cd".repeat(32));

	private static final CallKey OTHER_KEY = CallKey.fromHex("cd".repeat(31) + "ce");

	private static final EntrySigner SIGNER = new EntrySigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	private static final EntrySigner OTHER_SIGNER = new EntrySigner("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8));

	private static final EntryHeader HEADER = new EntryHeader("json", "Model#train", Instant.ofEpochMilli(1_700_000_000_000L),
			Duration.ofMillis(2500), "rate=0.1", 0, List.of());

	@Test
	void anEntryWrittenAsAStreamIsTheEntryEncodedInMemory() throws Exception {
		byte[] payload = randomBytes(700_000);
		ByteArrayOutputStream streamed = new ByteArrayOutputStream();
		long size = EntryFormat.write(streamed, KEY, HEADER, (out) -> out.write(payload), SIGNER);
		ByteBuffer encoded = EntryFormat.encode(KEY, HEADER, (out) -> out.write(payload), SIGNER);
		assertThat(streamed.toByteArray()).isEqualTo(bytes(encoded));
		assertThat(size).isEqualTo(streamed.size());
		Entry decoded = EntryFormat.decode(encoded, KEY, SIGNER);
		assertThat(decoded.header().payloadLength()).isEqualTo(payload.length);
		assertThat(bytes(decoded.payload())).isEqualTo(payload);
	}

	@Test
	void aStreamedEntryYieldsItsPayloadAndThenPassesItsChecks() throws Exception {
		byte[] payload = randomBytes(1_000_003);
		StreamedEntry entry = EntryFormat.open(stream(write(payload, SIGNER)), KEY, SIGNER);
		assertThat(entry.header().methodName()).isEqualTo("Model#train");
		assertThat(entry.payload().readAllBytes()).isEqualTo(payload);
		entry.verify();
	}

	@Test
	void aPayloadReadOnlyInPartIsReadToItsEndByTheChecks() throws Exception {
		StreamedEntry entry = EntryFormat.open(stream(write(randomBytes(600_000), null)), KEY, null);
		assertThat(entry.payload().readNBytes(10)).hasSize(10);
		entry.verify();
	}

	@Test
	void aDamagedPayloadByteFailsTheChecksumOnceThePayloadIsRead() throws Exception {
		byte[] entry = write(randomBytes(300_000), null);
		entry[entry.length / 2] ^= 1;
		StreamedEntry opened = EntryFormat.open(stream(entry), KEY, null);
		opened.payload().readAllBytes();
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(opened::verify)
			.withMessage("its checksum does not match its content");
	}

	@Test
	void aTruncatedEntryIsDamaged() throws Exception {
		byte[] entry = write(randomBytes(5000), null);
		for (int length : new int[] { 3, 20, 60, 2000, entry.length - 5, entry.length - 1 }) {
			assertThatExceptionOfType(DamagedEntryException.class).as("%d of %d bytes", length, entry.length)
				.isThrownBy(() -> EntryFormat.open(stream(java.util.Arrays.copyOf(entry, length)), KEY, null).verify());
		}
	}

	@Test
	void anEntryStreamedForAnotherKeyIsRefusedBeforeItsPayloadIsRead() throws Exception {
		byte[] entry = write("payload".getBytes(StandardCharsets.UTF_8), null);
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.open(stream(entry), OTHER_KEY, null))
			.withMessage("it was written for another key: it was copied or renamed in the store");
	}

	@Test
	void aStreamedEntrySignedWithAnotherKeyFailsItsChecks() throws Exception {
		StreamedEntry entry = EntryFormat.open(stream(write(randomBytes(1000), OTHER_SIGNER)), KEY, SIGNER);
		entry.payload().readAllBytes();
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(entry::verify)
			.withMessageContaining("its signature is not that of checkpointing.signing.key");
	}

	@Test
	void anUnsignedEntryIsRefusedWhenEntriesMustBeSigned() throws Exception {
		byte[] entry = write(randomBytes(1000), null);
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.open(stream(entry), KEY, SIGNER))
			.withMessageContaining("it is not signed");
	}

	@Test
	void aSignedEntryIsReadWithoutASigner() throws Exception {
		byte[] payload = randomBytes(1000);
		StreamedEntry entry = EntryFormat.open(stream(write(payload, SIGNER)), KEY, null);
		assertThat(entry.payload().readAllBytes()).isEqualTo(payload);
		entry.verify();
	}

	@Test
	void anEntryOfTheLastFormatIsOutdated() throws Exception {
		byte[] entry = write(randomBytes(100), null);
		ByteBuffer.wrap(entry).putShort(4, (short) 3);
		assertThatExceptionOfType(OutdatedFormatException.class).isThrownBy(() -> EntryFormat.open(stream(entry), KEY, null));
	}

	@Test
	void aListingReadsThePayloadLengthFromTheEntrySize() throws Exception {
		byte[] entry = write(randomBytes(1234), SIGNER);
		assertThat(EntryFormat.readHeader(stream(entry), entry.length).payloadLength()).isEqualTo(1234);
		assertThat(EntryFormat.readHeader(stream(entry)).payloadLength()).isEqualTo(-1);
	}

	private static byte[] write(byte[] payload, @Nullable EntrySigner signer) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		EntryFormat.write(out, KEY, HEADER, (stream) -> stream.write(payload), signer);
		return out.toByteArray();
	}

	/** A stream that hands out few bytes at a time, as a socket does. */
	private static InputStream stream(byte[] bytes) {
		return new ByteArrayInputStream(bytes) {
			@Override
			public synchronized int read(byte[] target, int offset, int length) {
				return super.read(target, offset, Math.min(length, 1000));
			}
		};
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

}
