package io.checkpointing.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LargeResultTest {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "json", "smile", "cbor" })
	void aLargeArrayResultIsStoredOutOfBandAndReadBackEqual(String serializer) throws Throwable {
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.serializer(JacksonSerializer.smile())
			.serializer(JacksonSerializer.cbor())
			.defaultSerializer(serializer)
			.build());
		Simulation simulation = new Simulation();
		Trace first = (Trace) calls.call(simulation, "trace", 300_000);
		Trace second = (Trace) calls.call(simulation, "trace", 300_000);
		assertThat(simulation.runs).hasValue(1);
		assertThat(second.samples()).isEqualTo(first.samples());
		assertThat(second.labels()).isEqualTo(List.of("a", "b"));
		Path entry;
		try (Stream<Path> files = Files.walk(this.directory)) {
			entry = files.filter((file) -> file.toString().endsWith(".ckpt")).findFirst().orElseThrow();
		}
		// Raw doubles, not text: about 8 bytes per element, whatever the format.
		assertThat(Files.size(entry)).isBetween(300_000L * Double.BYTES, 300_000L * Double.BYTES + 2000);
		if (serializer.equals("json")) {
			assertThat(new String(Files.readAllBytes(entry), StandardCharsets.ISO_8859_1))
				.contains("\"samples\":{\"$array\":\"double\",\"length\":300000,\"block\":0}");
		}
	}

	public record Trace(List<String> labels, double[] samples) {
	}

	public static class Simulation {

		final AtomicInteger runs = new AtomicInteger();

		@Checkpoint
		public Trace trace(int length) {
			this.runs.incrementAndGet();
			return new Trace(List.of("a", "b"), new Random(length).doubles(length).toArray());
		}

	}

}
