package io.checkpointing.sample;

import io.checkpointing.Checkpoint;

import org.springframework.stereotype.Service;

/**
 * Step 2 of the experiment: fits a logistic regression model.
 */
@Service
public class Trainer {

	/**
	 * Trains logistic regression by full-batch gradient descent on the mean log loss, starting
	 * from zero weights. Deterministic: the same data and hyperparameters give the same model.
	 * @param data the training samples
	 * @param learningRate the step size of gradient descent
	 * @param epochs how many passes over all samples
	 * @return the trained model
	 */
	@Checkpoint
	public Model train(Dataset data, double learningRate, int epochs) {
		double[] x1 = data.x1();
		double[] x2 = data.x2();
		int[] y = data.y();
		int n = data.size();
		double w1 = 0;
		double w2 = 0;
		double bias = 0;
		for (int epoch = 0; epoch < epochs; epoch++) {
			double gradient1 = 0;
			double gradient2 = 0;
			double gradientBias = 0;
			for (int i = 0; i < n; i++) {
				double error = sigmoid(w1 * x1[i] + w2 * x2[i] + bias) - y[i];
				gradient1 += error * x1[i];
				gradient2 += error * x2[i];
				gradientBias += error;
			}
			w1 -= learningRate * gradient1 / n;
			w2 -= learningRate * gradient2 / n;
			bias -= learningRate * gradientBias / n;
		}
		return new Model(new double[] { w1, w2 }, bias);
	}

	private static double sigmoid(double z) {
		return 1.0 / (1.0 + Math.exp(-z));
	}

}
