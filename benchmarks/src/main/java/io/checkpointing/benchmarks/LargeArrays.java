package io.checkpointing.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/** The 100 MB {@code double[]} of the large-value benchmarks, and the raw file I/O they are measured against. */
final class LargeArrays {

	/** 100 MB of doubles. */
	static final int LENGTH = 100 * 1024 * 1024 / Double.BYTES;

	/** The bytes each operation moves, for throughput. */
	static final long BYTES = (long) LENGTH * Double.BYTES;

	private static final int CHUNK = 1024 * 1024;

	private LargeArrays() {
	}

	static double[] random() {
		SplittableRandom random = new SplittableRandom(8);
		double[] data = new double[LENGTH];
		for (int i = 0; i < data.length; i++) {
			data[i] = random.nextDouble();
		}
		return data;
	}

	/** Writes the array's little-endian bytes to a file with a {@code FileChannel}, through a 1 MB direct buffer. */
	static void write(double[] data, Path file) throws IOException {
		ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
		int perChunk = CHUNK / Double.BYTES;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			for (int from = 0; from < data.length; from += perChunk) {
				int count = Math.min(perChunk, data.length - from);
				chunk.clear();
				chunk.asDoubleBuffer().put(data, from, count);
				chunk.limit(count * Double.BYTES);
				while (chunk.hasRemaining()) {
					channel.write(chunk);
				}
			}
		}
	}

	/** Reads a file of little-endian doubles into a new array with a {@code FileChannel}, through a 1 MB direct buffer. */
	static double[] read(Path file) throws IOException {
		ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			double[] data = new double[(int) (channel.size() / Double.BYTES)];
			int at = 0;
			while (at < data.length) {
				chunk.clear();
				while (chunk.hasRemaining() && channel.read(chunk) >= 0) {
					// fill the chunk
				}
				chunk.flip();
				int count = chunk.remaining() / Double.BYTES;
				chunk.asDoubleBuffer().get(data, at, count);
				at += count;
			}
			return data;
		}
	}

}
