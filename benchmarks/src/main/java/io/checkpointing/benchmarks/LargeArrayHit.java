package io.checkpointing.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
 * A hit on a 100 MB {@code double[]} result (ours, {@code json} with the array out of band,
 * in-memory tier off) against reading the same bytes from a file with a {@code FileChannel}
 * into a {@code double[]} (the limit) and against JDK serialization from a file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g" })
public class LargeArrayHit {

	/** The bytes each operation moves, for throughput. */
	public static final long BYTES = LargeArrays.BYTES;

	/** The ignored argument of a hit: the method does not run, so it is never read. */
	private static final double[] NOT_READ = new double[0];

	private Path directory;

	private AnnotationConfigApplicationContext context;

	private CheckpointedArrays arrays;

	private Path raw;

	private Path serialized;

	@Setup
	public void start() throws IOException {
		this.directory = Contexts.temporaryDirectory("hit");
		double[] data = LargeArrays.random();
		this.context = Contexts.checkpointing(this.directory.resolve("checkpoints"), null, CheckpointedArrays.class);
		this.arrays = this.context.getBean(CheckpointedArrays.class);
		this.arrays.series(1, data);
		this.raw = this.directory.resolve("raw.bin");
		LargeArrays.write(data, this.raw);
		this.serialized = this.directory.resolve("serialized.bin");
		try (ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(this.serialized)))) {
			out.writeObject(data);
		}
	}

	@TearDown
	public void stop() {
		this.context.close();
		Contexts.delete(this.directory);
	}

	@Benchmark
	public double[] oursHit() {
		return this.arrays.series(1, NOT_READ);
	}

	@Benchmark
	@Baseline
	public double[] limitFileChannelRead() throws IOException {
		return LargeArrays.read(this.raw);
	}

	@Benchmark
	public double[] peerJdkSerialization() throws IOException, ClassNotFoundException {
		try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(this.serialized), 1 << 20))) {
			return (double[]) in.readObject();
		}
	}

}
