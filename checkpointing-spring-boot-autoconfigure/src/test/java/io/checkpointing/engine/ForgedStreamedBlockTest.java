package io.checkpointing.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.checkpointing.OnError;
import io.checkpointing.key.CallKey;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.store.EntryFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A streamed entry whose out-of-band block claims far more elements than the stream holds, its
 * placeholder claiming as many, is damage: it is discarded and recomputed, not taken for a heap
 * too small to read it (which would keep it, and fail every call that reads it).
 */
@ExtendWith(OutputCaptureExtension.class)
class ForgedStreamedBlockTest {

	private static final int CLAIMED = Integer.MAX_VALUE - 8;

	private final SignedStreamedEntriesTest.StreamingStore store = new SignedStreamedEntriesTest.StreamingStore();

	private final Results results = new Results();

	private EngineCalls calls() {
		return new EngineCalls(CheckpointEngine.builder()
			.backend(this.store)
			.serializer(JacksonSerializer.json())
			.defaultSerializer("json")
			.onError(OnError.WARN)
			.build());
	}

	@Test
	void aStreamedBlockWithAForgedHugeLengthIsDamageRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		double[] expected = (double[]) calls().call(this.results, "series", 500);
		CallKey key = this.store.list().findFirst().orElseThrow().key();
		this.store.write(key, ByteBuffer.wrap(PlantedEntries.envelope(key, "json", "Results#series", forgedPayload())));

		assertThat((double[]) calls().call(this.results, "series", 500)).containsExactly(expected);
		assertThat(this.results.runs).as("the method ran again").hasValue(2);
		assertThat(output).contains("is unusable and was deleted")
			.contains("ends inside a double[" + CLAIMED + "] block")
			.doesNotContain("heap");
		ByteBuffer rewritten = this.store.read(key).orElseThrow();
		assertThat(PlantedEntries.payloadOf(PlantedEntries.bytes(rewritten))).hasSizeGreaterThan(500 * Double.BYTES);
		assertThat(EntryFormat.decode(rewritten, key).header().methodName()).isEqualTo("Results#series");
	}

	/** A payload whose frame and placeholder both claim {@link #CLAIMED} doubles, followed by 4 KB. */
	private static byte[] forgedPayload() {
		byte[] document = ("{\"$array\":\"double\",\"length\":" + CLAIMED + ",\"block\":0}").getBytes(StandardCharsets.UTF_8);
		int blockStart = (12 + 9 + document.length + 7) & ~7;
		ByteBuffer payload = ByteBuffer.allocate(blockStart + 4096);
		payload.put(new byte[] { (byte) 0xFF, 'O', 'O', 'B' }).putInt(document.length).putInt(1);
		payload.put((byte) 5).putLong(CLAIMED).put(document);
		return payload.array();
	}

}
