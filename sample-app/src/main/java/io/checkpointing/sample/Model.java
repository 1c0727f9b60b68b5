package io.checkpointing.sample;

/**
 * A logistic regression model with two features: the probability of label 1 is
 * {@code sigmoid(weights[0] * x1 + weights[1] * x2 + bias)}.
 * @param weights the weight of each feature
 * @param bias the intercept
 */
// Never compared with equals: a checkpointed result, stored and read back by its contents.
@SuppressWarnings("ArrayRecordComponent")
public record Model(double[] weights, double bias) {

	/**
	 * @param x1 the first feature
	 * @param x2 the second feature
	 * @return the predicted label, 0 or 1
	 */
	public int predict(double x1, double x2) {
		return (this.weights[0] * x1 + this.weights[1] * x2 + this.bias >= 0) ? 1 : 0;
	}

}
