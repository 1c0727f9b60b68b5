package io.checkpointing.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;

import io.checkpointing.key.ArgumentHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keying a call by a 100 MB {@code double[]} argument (ours: its canonical form, hashed with
 * SHA-256) against SHA-256 alone over the same bytes ({@code MessageDigest}) and a plain copy of
 * the array.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class ArgumentHashing {

	/** The bytes each operation moves, for throughput. */
	public static final long BYTES = LargeArrays.BYTES;

	private final ArgumentHasher hasher = new ArgumentHasher();

	private double[] data;

	private byte[] bytes;

	private double[] copy;

	@Setup
	public void start() {
		this.data = LargeArrays.random();
		this.bytes = new byte[(int) LargeArrays.BYTES];
		ByteBuffer.wrap(this.bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(this.data);
		this.copy = new double[this.data.length];
	}

	@Benchmark
	public byte[] oursArgumentKey() {
		return this.hasher.hashValue(this.data);
	}

	@Benchmark
	@Baseline
	public byte[] limitSha256() throws NoSuchAlgorithmException {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		sha.update(this.bytes);
		return sha.digest();
	}

	@Benchmark
	public double[] limitArrayCopy() {
		System.arraycopy(this.data, 0, this.copy, 0, this.data.length);
		return this.copy;
	}

}
