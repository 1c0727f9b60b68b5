package io.checkpointing.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

import io.checkpointing.Checkpoint;
import io.checkpointing.OnError;
import io.checkpointing.store.FilesystemBackend;

/**
 * A JVM that calls a checkpointed method returning a large {@code double[]} once, for
 * {@link LargeResultHeapTest}. Arguments: the store's directory, the result's size in MB, the
 * error policy, and the memory tier's bound in results (0 for no tier). Prints the method's runs
 * and the result's length and last element, then the heap's peak use.
 */
public final class LargeResultProgram {

	private LargeResultProgram() {
	}

	public static void main(String[] args) throws Throwable {
		CheckpointEngineBuilder builder = CheckpointEngine.builder()
			.backend(new FilesystemBackend(Path.of(args[0])))
			.onError(OnError.valueOf(args[2]));
		int tierEntries = Integer.parseInt(args[3]);
		if (tierEntries > 0) {
			builder.memoryTier(MemoryTier.maxEntries(tierEntries));
		}
		Series series = new Series();
		double[] result = (double[]) new EngineCalls(builder.build()).call(series, "ramp", Integer.parseInt(args[1]));
		System.out.println("runs=" + series.runs + " length=" + result.length + " last=" + result[result.length - 1]);
		System.out.println("peak heap MB: " + peakHeapMegabytes());
	}

	/** The sum of each heap pool's peak: an upper bound of the heap's peak use, as pools peak at different times. */
	private static long peakHeapMegabytes() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024 * 1024);
	}

	public static class Series {

		int runs;

		@Checkpoint
		public double[] ramp(int megabytes) {
			this.runs++;
			double[] values = new double[megabytes * (1024 * 1024 / Double.BYTES)];
			for (int i = 0; i < values.length; i++) {
				values[i] = i;
			}
			return values;
		}

	}

}
