package io.checkpointing.sample;

import java.util.Arrays;

/**
 * A binary classification data set with two features: sample {@code i} has the features
 * {@code x1[i]}, {@code x2[i]} and the label {@code y[i]} (0 or 1).
 * <p>
 * As an argument of a checkpointed method a record counts by its components, and arrays by
 * their contents, so two data sets with equal numbers give the same key.
 * @param x1 the first feature of each sample
 * @param x2 the second feature of each sample
 * @param y the label of each sample, 0 or 1
 */
// Never compared with equals: checkpointing keys it by the arrays' contents, as said above.
@SuppressWarnings("ArrayRecordComponent")
public record Dataset(double[] x1, double[] x2, int[] y) {

	/**
	 * @return the number of samples
	 */
	public int size() {
		return this.y.length;
	}

	/**
	 * Splits off the last part of the samples, for example to evaluate a model on samples it was
	 * not trained on. Deterministic: equal data sets give equal parts.
	 * @param trainFraction the fraction of samples in the first part, between 0 and 1
	 * @return the first {@code trainFraction} of the samples and the rest
	 */
	public Split split(double trainFraction) {
		int cut = (int) Math.round(size() * trainFraction);
		return new Split(slice(0, cut), slice(cut, size()));
	}

	private Dataset slice(int from, int to) {
		return new Dataset(Arrays.copyOfRange(this.x1, from, to), Arrays.copyOfRange(this.x2, from, to),
				Arrays.copyOfRange(this.y, from, to));
	}

	/**
	 * A data set split in two.
	 * @param train the samples to train on
	 * @param test the samples to evaluate on
	 */
	public record Split(Dataset train, Dataset test) {

	}

}
