package io.checkpointing.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.checkpointing.store.ByteBufferInputStream;
import io.checkpointing.store.ReservableOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class OutOfBandArraysTest {

	static Stream<JacksonSerializer> jackson() {
		return Stream.of(JacksonSerializer.json(), JacksonSerializer.smile(), JacksonSerializer.cbor());
	}

	@ParameterizedTest
	@MethodSource("jackson")
	void largeArraysAnywhereInAValueComeBackEqual(JacksonSerializer serializer) throws Exception {
		Random random = new Random(42);
		Measurements value = new Measurements("run", random.doubles(10_000).toArray(), random.ints(3000).toArray(),
				new double[] { 1.5, -2.0 }, List.of(random.longs(500).toArray(), new long[] { 7 }),
				new LinkedHashMap<>(Map.of("f", floats(random, 400), "g", floats(random, 2))), bytes(random, 5000),
				shorts(random, 1000));
		byte[] written = write(serializer, value, Measurements.class);
		assertThat(written[0]).isEqualTo((byte) 0xFF);
		assertEqual((Measurements) serializer.read(ByteBuffer.wrap(written), Measurements.class), value);
		assertEqual((Measurements) serializer.read(new ByteArrayInputStream(written), Measurements.class), value);
	}

	private static void assertEqual(Measurements read, Measurements value) {
		assertThat(read.values()).containsExactly(value.values());
		assertThat(read.counts()).containsExactly(value.counts());
		assertThat(read.small()).containsExactly(value.small());
		assertThat(read.series()).hasSize(2);
		assertThat(read.series().get(0)).containsExactly(value.series().get(0));
		assertThat(read.series().get(1)).containsExactly(7L);
		assertThat(read.byName().get("f")).containsExactly(value.byName().get("f"));
		assertThat(read.byName().get("g")).containsExactly(value.byName().get("g"));
		assertThat(read.raw()).containsExactly(value.raw());
		assertThat(read.samples()).containsExactly(value.samples());
	}

	@ParameterizedTest
	@MethodSource("jackson")
	void aTopLevelArrayReadsBackFromAStreamAndFromADirectBuffer(JacksonSerializer serializer) throws Exception {
		double[] value = new Random(1).doubles(100_000).toArray();
		value[3] = Double.NaN;
		value[4] = -0.0;
		byte[] written = write(serializer, value, double[].class);
		assertThat((double[]) serializer.read(new ByteArrayInputStream(written), double[].class))
			.isEqualTo(value);
		ByteBuffer direct = ByteBuffer.allocateDirect(written.length + 3).position(3);
		direct.put(written).position(3);
		assertThat((double[]) serializer.read(direct, double[].class)).isEqualTo(value);
	}

	@Test
	void theJsonDocumentStaysReadableAndNamesEachBlock() throws Exception {
		double[] values = new double[1000];
		Arrays.fill(values, 0.25);
		byte[] written = write(JacksonSerializer.json(), new Measurements("run", values, new int[] { 1, 2 },
				new double[0], List.of(), Map.of(), new byte[0], new short[0]), Measurements.class);
		String text = new String(written, StandardCharsets.ISO_8859_1);
		assertThat(text).contains("\"name\":\"run\"")
			.contains("\"values\":{\"$array\":\"double\",\"length\":1000,\"block\":0}")
			.contains("\"counts\":[1,2]");
		assertThat(written.length).isLessThan(1000 * Double.BYTES + 400);
	}

	@Test
	void anEntryBufferIsToldTheExactSizeOfTheBlocksBeforeTheyAreWritten() throws Exception {
		// Odd lengths, so blocks are padded to 8 bytes: the reservation must count the padding too.
		Measurements value = new Measurements("run", new double[1001], new int[333], new double[0],
				List.of(new long[257]), Map.of("k", new float[999]), new byte[1025], new short[777]);
		ReservingOutput out = new ReservingOutput();
		JacksonSerializer.json().write(value, Measurements.class, out);
		assertThat(out.reserved).isPositive().isEqualTo(out.size());
	}

	@Test
	void valuesWithoutLargeArraysArePlainDocuments() throws Exception {
		byte[] written = write(JacksonSerializer.json(), new double[] { 1, 2, 3 }, double[].class);
		assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("[1.0,2.0,3.0]");
	}

	@Test
	void aBlockShorterThanItsPlaceholderIsRefused() throws Exception {
		JacksonSerializer json = JacksonSerializer.json();
		byte[] written = write(json, new double[500], double[].class);
		ByteBuffer forged = ByteBuffer.wrap(written);
		forged.putLong(13, 1L << 40);
		assertThatIOException().isThrownBy(() -> json.read(forged, double[].class)).withMessageContaining("block 0");
	}

	@Test
	void aPlaceholderThatDisagreesWithItsBlockIsRefused() throws Exception {
		JacksonSerializer json = JacksonSerializer.json();
		byte[] written = write(json, new double[500], double[].class);
		byte[] forged = new String(written, StandardCharsets.ISO_8859_1).replace("\"length\":500", "\"length\":400")
			.getBytes(StandardCharsets.ISO_8859_1);
		assertThatIOException().isThrownBy(() -> json.read(ByteBuffer.wrap(forged), double[].class))
			.withMessageContaining("expects double[400]");
	}

	@Test
	void aTruncatedPayloadIsRefused() throws Exception {
		JacksonSerializer cbor = JacksonSerializer.cbor();
		byte[] written = write(cbor, new int[5000], int[].class);
		ByteBuffer truncated = ByteBuffer.wrap(written, 0, written.length - 8).slice();
		assertThatIOException().isThrownBy(() -> cbor.read(truncated, int[].class)).withMessageContaining("runs past");
	}

	@ParameterizedTest
	@MethodSource("jackson")
	void aStreamedBlockAskedForBeforeTheOneAheadOfItIsReadAheadAndKept(JacksonSerializer serializer) throws Exception {
		double[] first = new Random(2).doubles(300).toArray();
		int[] second = new Random(3).ints(700).toArray();
		byte[] written = write(serializer, List.of(first, second), List.class);
		StreamedBlocks blocks = StreamedBlocks.read(new ByteArrayInputStream(written), -1);
		assertThat((int[]) blocks.array(1, ArrayKind.INT, 700)).containsExactly(second);
		assertThat((double[]) blocks.array(0, ArrayKind.DOUBLE, 300)).containsExactly(first);
		assertThatIOException().isThrownBy(() -> blocks.array(1, ArrayKind.INT, 700)).withMessageContaining("twice");
		blocks.finish();
	}

	@Test
	void aStreamedPayloadEndingInsideABlockOrGoingOnAfterTheLastIsRefused() throws Exception {
		JacksonSerializer cbor = JacksonSerializer.cbor();
		byte[] written = write(cbor, new int[5000], int[].class);
		assertThatIOException()
			.isThrownBy(() -> cbor.read(new ByteArrayInputStream(Arrays.copyOf(written, written.length - 8)), int[].class))
			.withMessageContaining("ends inside a int[5000] block");
		assertThatIOException()
			.isThrownBy(() -> cbor.read(new ByteArrayInputStream(Arrays.copyOf(written, written.length + 1)), int[].class))
			.withMessageContaining("goes on after its last out-of-band block");
	}

	@Test
	void aStreamedFrameWithAForgedBlockCountIsRefusedBeforeAnythingIsAllocated() throws Exception {
		JacksonSerializer json = JacksonSerializer.json();
		byte[] written = write(json, new double[500], double[].class);
		ByteBuffer.wrap(written).putInt(8, Integer.MAX_VALUE);
		assertThatIOException().isThrownBy(() -> json.read(new ByteArrayInputStream(written), double[].class))
			.withMessageContaining("frame is damaged");
	}

	@Test
	void aStreamedBlockReadAheadWithAForgedLengthEndsInEofNotInAnAllocationOfItsSize() throws Exception {
		byte[] written = write(JacksonSerializer.json(), List.of(new double[300], new int[700]), List.class);
		ByteBuffer.wrap(written).putLong(13, Integer.MAX_VALUE - 8);
		StreamedBlocks blocks = StreamedBlocks.read(new ByteArrayInputStream(written), -1);
		// Asking for block 1 reads block 0 ahead, before the document says what it expects there.
		assertThatIOException().isThrownBy(() -> blocks.array(1, ArrayKind.INT, 700))
			.withMessageContaining("ends inside a double[2147483639] block");
	}

	@Test
	void aStreamedBlockWhoseFrameAndPlaceholderBothLieEndsInEofNotInAnAllocationOfItsSize() throws Exception {
		byte[] written = write(JacksonSerializer.json(), new double[300], double[].class);
		ByteBuffer.wrap(written).putLong(13, Integer.MAX_VALUE - 8);
		StreamedBlocks blocks = StreamedBlocks.read(new ByteArrayInputStream(written), -1);
		assertThatIOException().isThrownBy(() -> blocks.array(0, ArrayKind.DOUBLE, Integer.MAX_VALUE - 8))
			.withMessageContaining("ends inside a double[2147483639] block");
	}

	@Test
	void aStreamOfKnownSizeHasItsBlocksCheckedAgainstItBeforeAnyIsRead() throws Exception {
		JacksonSerializer json = JacksonSerializer.json();
		byte[] written = write(json, List.of(new double[300], new int[700]), List.class);
		ByteBuffer.wrap(written).putLong(13, 16L << 20);
		assertThatIOException()
			.isThrownBy(() -> json.read(new ByteBufferInputStream(ByteBuffer.wrap(written)), List.class))
			.withMessageContaining("blocks end at byte")
			.withMessageContaining("of a " + written.length + "-byte payload");
	}

	@ParameterizedTest
	@MethodSource("kinds")
	void anArrayGrownAsItsBytesArriveHoldsExactlyThem(ArrayKind kind, Object array) throws Exception {
		int length = Array.getLength(array);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		kind.write(array, length, out);
		ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
		assertThat(kind.readFrom(in, length, 1)).isEqualTo(array);
		assertThat(in.read()).isEqualTo(-1);
	}

	static Stream<Arguments> kinds() {
		Random random = new Random(5);
		// More than one chunk of 256 KB each, and not a whole number of them.
		return Stream.of(Arguments.of(ArrayKind.DOUBLE, random.doubles(70_001).toArray()),
				Arguments.of(ArrayKind.BYTE, bytes(random, 600_001)),
				Arguments.of(ArrayKind.SHORT, shorts(random, 300_001)));
	}

	@Test
	void theChunkOfAnArrayOfMoreThanTwoGigabytesIsComputedWithoutOverflow() {
		assertThat(ArrayKind.LONG.chunkBytes(300_000_000)).isEqualTo(256 * 1024);
		assertThat(ArrayKind.DOUBLE.chunkBytes(Integer.MAX_VALUE - 8)).isEqualTo(256 * 1024);
		assertThat(ArrayKind.INT.chunkBytes(10)).isEqualTo(40);
		assertThat(ArrayKind.grownCapacity(1 << 30, Integer.MAX_VALUE - 8)).isEqualTo(Integer.MAX_VALUE - 8);
	}

	private static byte[] write(ResultSerializer serializer, Object value, Type type) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		serializer.write(value, type, out);
		return out.toByteArray();
	}

	/** Records what a serializer says it is about to write. */
	private static final class ReservingOutput extends ByteArrayOutputStream implements ReservableOutput {

		private long reserved;

		@Override
		public void reserve(long bytes) {
			this.reserved += bytes;
		}

	}

	private static float[] floats(Random random, int length) {
		float[] values = new float[length];
		for (int i = 0; i < length; i++) {
			values[i] = random.nextFloat();
		}
		return values;
	}

	private static byte[] bytes(Random random, int length) {
		byte[] values = new byte[length];
		random.nextBytes(values);
		return values;
	}

	private static short[] shorts(Random random, int length) {
		short[] values = new short[length];
		for (int i = 0; i < length; i++) {
			values[i] = (short) random.nextInt();
		}
		return values;
	}

	record Measurements(String name, double[] values, int[] counts, double[] small, List<long[]> series,
			Map<String, float[]> byName, byte[] raw, short[] samples) {
	}

}
