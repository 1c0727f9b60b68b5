package io.checkpointing.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EntryFormatTest {

	private static final EntrySigner SIGNER = new EntrySigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	private static final EntryHeader HEADER = new EntryHeader("smile", "Model#train", Instant.ofEpochMilli(1_700_000_000_000L),
			Duration.ofMillis(2500), "rate=0.1", 0,
			java.util.List.of(new io.checkpointing.key.KeyComponent(io.checkpointing.key.KeyComponent.Kind.ARGUMENT, "0 rate", 42L)));

	@Test
	void decodesWhatItEncoded() throws Exception {
		Entry entry = EntryFormat.decode(encode("the payload"));
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
				.isThrownBy(() -> EntryFormat.decode(damaged));
		}
	}

	@Test
	void everyTruncationIsDetected() throws Exception {
		ByteBuffer intact = encode("payload");
		for (int length = 0; length < intact.limit(); length++) {
			ByteBuffer truncated = copy(intact).limit(length);
			assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(truncated));
		}
	}

	@Test
	void aNewerFormatVersionIsNotRead() throws Exception {
		ByteBuffer newer = encode("payload");
		newer.putShort(4, (short) (EntryFormat.VERSION + 1));
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(newer))
			.withMessageContaining("format version " + (EntryFormat.VERSION + 1));
	}

	@Test
	void aSignedEntryDecodesWithItsSignerAndWithout() throws Exception {
		ByteBuffer signed = EntryFormat.encode(HEADER, (out) -> out.write(1), SIGNER);
		assertThat(EntryFormat.decode(signed.duplicate(), SIGNER).payload().get(0)).isEqualTo((byte) 1);
		assertThat(EntryFormat.decode(signed.duplicate()).payload().remaining()).isEqualTo(1);
	}

	@Test
	void anUnsignedEntryIsRefusedBySigner() throws Exception {
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(encode("payload"), SIGNER))
			.withMessageContaining("not signed");
	}

	@Test
	void anEntrySignedWithAnotherKeyIsRefused() throws Exception {
		EntrySigner other = new EntrySigner(new byte[EntrySigner.MIN_KEY_BYTES]);
		ByteBuffer signed = EntryFormat.encode(HEADER, (out) -> out.write(1), other);
		assertThatExceptionOfType(DamagedEntryException.class).isThrownBy(() -> EntryFormat.decode(signed, SIGNER))
			.withMessageContaining("signature");
	}

	@Test
	void everySingleBitFlipOfASignedEntryIsDetected() throws Exception {
		ByteBuffer intact = EntryFormat.encode(HEADER, (out) -> out.write(new byte[] { 1, 2, 3 }), SIGNER);
		for (int bit = 0; bit < intact.limit() * 8; bit++) {
			ByteBuffer damaged = copy(intact);
			damaged.put(bit / 8, (byte) (damaged.get(bit / 8) ^ (1 << (bit % 8))));
			assertThatExceptionOfType(DamagedEntryException.class).as("bit %d", bit)
				.isThrownBy(() -> EntryFormat.decode(damaged, SIGNER));
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

	private static ByteBuffer encode(String payload) throws Exception {
		return EntryFormat.encode(HEADER, (out) -> out.write(payload.getBytes(StandardCharsets.UTF_8)));
	}

	private static ByteBuffer copy(ByteBuffer buffer) {
		ByteBuffer copy = ByteBuffer.allocate(buffer.limit());
		copy.put(buffer.duplicate().position(0)).flip();
		return copy;
	}

}
