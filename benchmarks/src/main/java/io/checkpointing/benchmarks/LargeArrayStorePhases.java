package io.checkpointing.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.checkpointing.key.CallKey;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.FilesystemBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The phases of {@link LargeArrayStore}'s store, one by one, to show where its time goes:
 * serializing into a buffer sized in advance, encoding the whole entry (the serializer writing
 * into the entry format's growing buffer, then the checksum), and the backend's write of a
 * finished entry (temporary file, atomic move), against the raw write of the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g" })
public class LargeArrayStorePhases {

	/** The bytes each operation moves, for throughput. */
	public static final long BYTES = LargeArrays.BYTES;

	private static final CallKey KEY = CallKey.fromHex("5e".repeat(32));

	private final JacksonSerializer json = JacksonSerializer.json();

	private final EntryHeader header = new EntryHeader("json", "LargeArrayStorePhases", Instant.EPOCH, Duration.ZERO,
			"", 0, List.of());

	private Path directory;

	private FilesystemBackend backend;

	private double[] data;

	private ByteBuffer entry;

	private Path raw;

	@Setup
	public void start() throws IOException {
		this.directory = Contexts.temporaryDirectory("phases");
		this.backend = new FilesystemBackend(this.directory.resolve("checkpoints"));
		this.data = LargeArrays.random();
		this.entry = encode();
		this.raw = this.directory.resolve("raw.bin");
	}

	@TearDown
	public void stop() {
		Contexts.delete(this.directory);
	}

	@Benchmark
	public ByteArrayOutputStream oursSerializeIntoSizedBuffer() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream((int) BYTES + 4096);
		this.json.write(this.data, double[].class, out);
		return out;
	}

	@Benchmark
	public ByteBuffer oursEncodeEntry() throws IOException {
		return encode();
	}

	@Benchmark
	public CallKey oursBackendWrite() throws IOException {
		this.backend.write(KEY, this.entry);
		return KEY;
	}

	@Benchmark
	@Baseline
	public Path limitFileChannelWrite() throws IOException {
		LargeArrays.write(this.data, this.raw);
		return this.raw;
	}

	private ByteBuffer encode() throws IOException {
		return EntryFormat.encode(KEY, this.header, (out) -> this.json.write(this.data, double[].class, out));
	}

}
