package io.checkpointing.sample;

import java.util.Random;

import io.checkpointing.Checkpoint;

import org.springframework.stereotype.Service;

/**
 * Step 1 of the experiment: simulates measurements of two classes of objects.
 */
@Service
public class DatasetGenerator {

	/** How many noisy readings are averaged into each feature: this is what makes generation slow. */
	private static final int READINGS_PER_FEATURE = 64;

	/**
	 * Generates a data set. Each sample belongs to class 0 or 1 with equal probability; its true
	 * position is drawn around the class centre, (-0.5, -1) or (1, 0.5), with standard deviation
	 * 1; each feature is the mean of {@value #READINGS_PER_FEATURE} readings of the true value,
	 * each with noise of standard deviation 2.
	 * <p>
	 * All randomness comes from {@code seed}, so the same arguments always give the same data
	 * set: the method is pure, and its result can be checkpointed.
	 * @param seed the seed of the random generator
	 * @param samples how many samples to generate
	 * @return the data set
	 */
	@Checkpoint
	public Dataset generate(long seed, int samples) {
		Random random = new Random(seed);
		double[] x1 = new double[samples];
		double[] x2 = new double[samples];
		int[] y = new int[samples];
		for (int i = 0; i < samples; i++) {
			int label = random.nextBoolean() ? 1 : 0;
			double centre1 = (label == 1) ? 1.0 : -0.5;
			double centre2 = (label == 1) ? 0.5 : -1.0;
			x1[i] = measure(random, centre1 + random.nextGaussian());
			x2[i] = measure(random, centre2 + random.nextGaussian());
			y[i] = label;
		}
		return new Dataset(x1, x2, y);
	}

	private static double measure(Random random, double trueValue) {
		double sum = 0;
		for (int reading = 0; reading < READINGS_PER_FEATURE; reading++) {
			sum += trueValue + 2.0 * random.nextGaussian();
		}
		return sum / READINGS_PER_FEATURE;
	}

}
