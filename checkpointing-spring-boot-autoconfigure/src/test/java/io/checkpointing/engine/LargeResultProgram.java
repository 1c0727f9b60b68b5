package io.checkpointing.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

import io.checkpointing.Checkpoint;
import io.checkpointing.OnError;

/**
 * A JVM that calls a checkpointed method returning a large {@code double[]}, for
 * {@link LargeResultHeapTest}. Arguments: the {@link LargeResultBackend}, its place, the
 * result's size in MB, the error policy, the memory tier's bound in results (0 for no tier) and
 * how many calls to make. After each call it prints the method's runs so far, the result's length
 * and last element, the call's time and the heap's peak use; the peak is reset between calls,
 * once the result is dropped.
 */
public final class LargeResultProgram {

	private LargeResultProgram() {
	}

	public static void main(String[] args) throws Throwable {
		LargeResultBackend backend = LargeResultBackend.valueOf(args[0]);
		CheckpointEngineBuilder builder = CheckpointEngine.builder()
			.backend(backend.open(LargeResultBackend.parts(args[1])))
			.onError(OnError.valueOf(args[3]));
		int tierEntries = Integer.parseInt(args[4]);
		if (tierEntries > 0) {
			builder.memoryTier(MemoryTier.maxEntries(tierEntries));
		}
		Runs runs = new Runs();
		EngineCalls calls = new EngineCalls(builder.listener(runs).build());
		Series series = new Series();
		for (int call = Integer.parseInt(args[5]); call > 0; call--) {
			long start = System.nanoTime();
			String result = callOnce(calls, series, Integer.parseInt(args[2]));
			System.out.println("runs=" + runs.computed + " " + result);
			System.out.println("call ms: " + (System.nanoTime() - start) / 1_000_000);
			System.out.println("peak heap MB: " + peakHeapMegabytes());
			resetPeaks();
		}
		// The Redis and S3 clients' threads would keep the JVM alive.
		System.exit(0);
	}

	/** Counts the method's runs. */
	private static final class Runs implements CheckpointListener {

		int computed;

		@Override
		public void computed(String method, long nanos) {
			this.computed++;
		}

	}

	/** Calls the method and describes its result, which is garbage once this returns. */
	private static String callOnce(EngineCalls calls, Series series, int megabytes) throws Throwable {
		double[] result = (double[]) calls.call(series, "ramp", megabytes);
		return "length=" + result.length + " last=" + result[result.length - 1];
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

	/** After a collection, so that the next peak starts from what the heap still holds (the memory backend's entry). */
	private static void resetPeaks() {
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
	}

	/** Stateless: the key of a call covers the state the method reads, so the engine counts its runs. */
	public static class Series {

		@Checkpoint
		public double[] ramp(int megabytes) {
			double[] values = new double[megabytes * (1024 * 1024 / Double.BYTES)];
			for (int i = 0; i < values.length; i++) {
				values[i] = i;
			}
			return values;
		}

	}

}
