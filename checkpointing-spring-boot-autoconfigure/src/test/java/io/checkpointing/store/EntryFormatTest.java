package io.checkpointing.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32C;

import io.checkpointing.key.CallKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EntryFormatTest {

	private static final CallKey KEY = CallKey.fromHex("ab".repeat(32));

	private static final CallKey OTHER_KEY = CallKey.fromHex("ab".repeat(31) + "ac");

	private static final EntrySigner SIGNER = new EntrySigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	private static final EntryHeader HEADER = new EntryHeader("smile", "Model#train", Instant.ofEpochMilli(1_700_000_000_000L),
			Duration.ofMillis(2500), "rate=0.1", 0,
			java.util.List.of(new io.checkpointing.key.KeyComponent(io.checkpointing.key.KeyComponent.Kind.ARGUMENT, "0 rate", 42L)));

	@Test
	void decodesWhatItEncoded() throws Exception {
		Entry entry = EntryFormat.decode(encode("the payload"), KEY);
		assertThat(entry.header()).isEqualTo(new EntryHeader("smile", "Model#train", HEADER.created(),
				HEADER.computeDuration(), "rate=0.1", 11, HEADER.components()));
		assertThat(StandardCharsets.UTF_8.decode(entry.payload()).toString()).isEqualTo("the payload");
	}

	@Test
	void everySingleBitFlipIsDetected() throws Exception {
		ByteBuffer intact = encode("some payload worth protecting");
		for (int bit = 0; bit < intact.limit() * 8; bit++) {
			ByteBuffer damaged = copy(intact);
			damaged.put(bit / 8, (byte) (damaged.get(bit / 8) ^ (1 << (bit % 8))));
			assertThatExceptionOfType(DamagedEntryException.class).as("bit %d", bit)
				.isThrownBy(() -> EntryFormat.decode(damaged, KEY));
		}
	}

	@Test
	void everyTruncationIsDetected() throws Exception {
		ByteBuffer intact = encode("payload");
		for (int length = 0; length < intact.limit(); length++) {
			ByteBuffer truncated = copy(intact).limit(length);
			assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(truncated, KEY));
		}
	}

	@Test
	void aNewerFormatVersionIsNotRead() throws Exception {
		ByteBuffer newer = encode("payload");
		newer.putShort(4, (short) (EntryFormat.VERSION + 1));
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(newer, KEY))
			.isNotInstanceOf(OutdatedFormatException.class)
			.withMessageContaining("format version " + (EntryFormat.VERSION + 1));
	}

	@Test
	void anEntryOfTheFirstFormatIsOutdatedRatherThanDamaged() throws Exception {
		ByteBuffer first = inFirstFormat(encode("payload"));
		assertThatExceptionOfType(OutdatedFormatException.class).isThrownBy(() -> EntryFormat.decode(first, KEY))
			.withMessage("it was written in format version 1 by an earlier release; this version writes " + EntryFormat.VERSION);
		assertThatExceptionOfType(OutdatedFormatException.class)
			.isThrownBy(() -> EntryFormat.readHeader(new ByteBufferInputStream(first.duplicate())));
	}

	@Test
	void anEntryOfFormatTwoWhoseJacksonPayloadWasWrittenByGettersIsOutdated() throws Exception {
		ByteBuffer second = encode("payload");
		second.putShort(4, (short) 2);
		assertThatExceptionOfType(OutdatedFormatException.class).isThrownBy(() -> EntryFormat.decode(second, KEY))
			.withMessage("it was written in format version 2 by an earlier release; this version writes " + EntryFormat.VERSION);
	}

	@Test
	void aFirstFormatEntryShorterThanTheNewFixedHeaderIsStillOutdated() throws Exception {
		ByteBuffer first = inFirstFormat(EntryFormat.encode(KEY, new EntryHeader("json", "A#b", Instant.EPOCH,
				Duration.ZERO, "", 0, java.util.List.of()), (out) -> {
				}));
		assertThat(first.remaining()).isLessThan(56);
		assertThatExceptionOfType(OutdatedFormatException.class).isThrownBy(() -> EntryFormat.decode(first, KEY));
	}

	@Test
	void aFormatVersionThatNeverExistedIsDamage() throws Exception {
		ByteBuffer zero = encode("payload");
		zero.putShort(4, (short) 0);
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(zero, KEY))
			.isNotInstanceOf(OutdatedFormatException.class);
	}

	@Test
	void anEntryIsReadOnlyForTheKeyItWasWrittenFor() throws Exception {
		ByteBuffer entry = encode("payload");
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(entry.duplicate(), OTHER_KEY))
			.withMessage("it was written for another key: it was copied or renamed in the store");
		assertThat(EntryFormat.decode(entry.duplicate(), KEY).payload().remaining()).isEqualTo(7);
	}

	@Test
	void theKeyAnEntryWasWrittenForCanBeReadBack() throws Exception {
		assertThat(EntryFormat.keyOf(encode("payload"))).isEqualTo(KEY);
		assertThat(EntryFormat.keyOf(EntryFormat.encode(OTHER_KEY, HEADER, (out) -> out.write(1), SIGNER))).isEqualTo(OTHER_KEY);
		assertThat(EntryFormat.isWrittenFor(encode("payload"), KEY)).isTrue();
		assertThat(EntryFormat.isWrittenFor(encode("payload"), OTHER_KEY)).isFalse();
		assertThat(EntryFormat.isWrittenFor(inFirstFormat(encode("payload")), KEY)).isFalse();
		assertThat(EntryFormat.isWrittenFor(ByteBuffer.wrap("CKPT".getBytes(StandardCharsets.US_ASCII)), KEY)).isFalse();
	}

	@Test
	void aSignedEntryIsReadOnlyForTheKeyItWasWrittenFor() throws Exception {
		ByteBuffer signed = EntryFormat.encode(KEY, HEADER, (out) -> out.write(1), SIGNER);
		assertThatExceptionOfType(DamagedEntryException.class)
			.isThrownBy(() -> EntryFormat.decode(signed.duplicate(), OTHER_KEY, SIGNER))
			.withMessageContaining("written for another key");
	}

	@Test
	void theSignatureCoversTheKey() throws Exception {
		// A writer of the store who rewrites the recorded key and the checksum, but cannot sign.
		ByteBuffer moved = EntryFormat.encode(KEY, HEADER, (out) -> out.write(1), SIGNER);
		moved.put(12 + 31, (byte) 0xac);
		reforgeChecksum(moved);
		assertThatExceptionOfType(DamagedEntryException.class)
			.isThrownBy(() -> EntryFormat.decode(moved.duplicate(), OTHER_KEY, SIGNER))
			.withMessageContaining("its signature is not that of checkpointing.signing.key");
		assertThat(EntryFormat.decode(moved.duplicate(), OTHER_KEY).payload().get(0))
			.as("without a signing key, a writer of the store can move an entry: see docs/reliability.md")
			.isEqualTo((byte) 1);
	}

	@Test
	void aSignedEntryDecodesWithItsSignerAndWithout() throws Exception {
		ByteBuffer signed = EntryFormat.encode(KEY, HEADER, (out) -> out.write(1), SIGNER);
		assertThat(EntryFormat.decode(signed.duplicate(), KEY, SIGNER).payload().get(0)).isEqualTo((byte) 1);
		assertThat(EntryFormat.decode(signed.duplicate(), KEY).payload().remaining()).isEqualTo(1);
	}

	@Test
	void anUnsignedEntryIsRefusedBySigner() throws Exception {
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(encode("payload"), KEY, SIGNER))
			.withMessageContaining("not signed");
	}

	@Test
	void anEntrySignedWithAnotherKeyIsRefused() throws Exception {
		EntrySigner other = new EntrySigner(new byte[EntrySigner.MIN_KEY_BYTES]);
		ByteBuffer signed = EntryFormat.encode(KEY, HEADER, (out) -> out.write(1), other);
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(signed, KEY, SIGNER))
			.withMessageContaining("signature");
	}

	@Test
	void everySingleBitFlipOfASignedEntryIsDetected() throws Exception {
		ByteBuffer intact = EntryFormat.encode(KEY, HEADER, (out) -> out.write(new byte[] { 1, 2, 3 }), SIGNER);
		for (int bit = 0; bit < intact.limit() * 8; bit++) {
			ByteBuffer damaged = copy(intact);
			damaged.put(bit / 8, (byte) (damaged.get(bit / 8) ^ (1 << (bit % 8))));
			assertThatExceptionOfType(DamagedEntryException.class).as("bit %d", bit)
				.isThrownBy(() -> EntryFormat.decode(damaged, KEY, SIGNER));
		}
	}

	@Test
	void aShortSigningKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EntrySigner(new byte[15]))
			.withMessageContaining("at least 16");
	}

	@Test
	void theHeaderCanBeReadAlone() throws Exception {
		assertThat(EntryFormat.readHeader(new ByteBufferInputStream(encode("payload"))).methodName()).isEqualTo("Model#train");
	}

	@Test
	void theHeaderLengthIsDeclaredByTheFirstBytesAndIsZeroWhenTheyCannotTell() throws Exception {
		ByteBuffer entry = encode("payload");
		int headerLength = EntryFormat.readHead(new ByteBufferInputStream(entry.duplicate())).remaining();
		assertThat(EntryFormat.declaredHeaderLength(entry, entry.remaining())).isEqualTo(headerLength).isLessThan(entry.remaining());
		ByteBuffer shifted = ByteBuffer.allocate(entry.remaining() + 1).put((byte) 7).put(entry.duplicate()).position(1);
		assertThat(EntryFormat.declaredHeaderLength(shifted, entry.remaining())).as("read from the buffer's position").isEqualTo(headerLength);
		assertThat(EntryFormat.declaredHeaderLength(entry.duplicate().limit(11), entry.remaining())).as("too few bytes").isZero();
		assertThat(EntryFormat.declaredHeaderLength(entry, headerLength - 1)).as("beyond the entry").isZero();
		ByteBuffer huge = copy(entry).putInt(8, EntryFormat.MAX_HEADER_BYTES + 1);
		assertThat(EntryFormat.declaredHeaderLength(huge, Long.MAX_VALUE)).as("beyond the format's limit").isZero();
		ByteBuffer negative = copy(entry).putInt(8, -1);
		assertThat(EntryFormat.declaredHeaderLength(negative, Long.MAX_VALUE)).as("negative").isZero();
	}

	private static ByteBuffer encode(String payload) throws Exception {
		return EntryFormat.encode(KEY, HEADER, (out) -> out.write(payload.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The same entry without the key, as the first format wrote entries before they recorded
	 * their key: version 1.
	 */
	private static ByteBuffer inFirstFormat(ByteBuffer entry) {
		ByteBuffer first = ByteBuffer.allocate(entry.remaining() - 32);
		first.put(entry.duplicate().limit(12)).put(entry.duplicate().position(44)).flip();
		first.putShort(4, (short) 1).putInt(8, entry.getInt(8) - 32);
		reforgeChecksum(first);
		return first;
	}

	/** Rewrites the checksum, the last four bytes, to match the bytes before it. */
	private static void reforgeChecksum(ByteBuffer entry) {
		CRC32C crc = new CRC32C();
		crc.update(entry.duplicate().position(0).limit(entry.limit() - 4));
		entry.putInt(entry.limit() - 4, (int) crc.getValue());
	}

	private static ByteBuffer copy(ByteBuffer buffer) {
		ByteBuffer copy = ByteBuffer.allocate(buffer.limit());
		copy.put(buffer.duplicate().position(0)).flip();
		return copy;
	}

}
