package io.checkpointing.sample;

import io.checkpointing.Checkpoint;

import org.springframework.stereotype.Service;

/**
 * Step 3 of the experiment: measures a model's accuracy.
 */
@Service
public class Evaluator {

	/**
	 * Counts the samples whose label the model predicts correctly.
	 * @param model the model
	 * @param data the samples to evaluate on, usually ones the model was not trained on
	 * @return the accuracy
	 */
	@Checkpoint
	public Evaluation evaluate(Model model, Dataset data) {
		int correct = 0;
		for (int i = 0; i < data.size(); i++) {
			if (model.predict(data.x1()[i], data.x2()[i]) == data.y()[i]) {
				correct++;
			}
		}
		return new Evaluation((double) correct / data.size(), correct, data.size());
	}

}
