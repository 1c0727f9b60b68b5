package io.checkpointing.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.checkpointing.engine.CheckpointEngine;
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

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Storing a 100 MB {@code double[]} result (ours: the method runs, its result is encoded and
 * written to a new file moved into place) against writing the same bytes to a file with a
 * {@code FileChannel} (the limit). Ours is a rerun, which stores like a miss without the failed
 * lookup, so each operation replaces one entry instead of filling the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g" })
public class LargeArrayStore {

	/** The bytes each operation moves, for throughput. */
	public static final long BYTES = LargeArrays.BYTES;

	private Path directory;

	private AnnotationConfigApplicationContext context;

	private CheckpointEngine engine;

	private CheckpointedArrays arrays;

	private double[] data;

	private Path raw;

	@Setup
	public void start() {
		this.directory = Contexts.temporaryDirectory("store");
		this.data = LargeArrays.random();
		this.context = Contexts.checkpointing(this.directory.resolve("checkpoints"), null, CheckpointedArrays.class);
		this.engine = this.context.getBean(CheckpointEngine.class);
		this.arrays = this.context.getBean(CheckpointedArrays.class);
		this.raw = this.directory.resolve("raw.bin");
	}

	@TearDown
	public void stop() {
		this.context.close();
		Contexts.delete(this.directory);
	}

	@Benchmark
	public double[] oursStore() {
		return this.engine.rerun(() -> this.arrays.series(1, this.data));
	}

	@Benchmark
	@Baseline
	public Path limitFileChannelWrite() throws IOException {
		LargeArrays.write(this.data, this.raw);
		return this.raw;
	}

}
