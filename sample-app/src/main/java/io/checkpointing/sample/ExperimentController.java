package io.checkpointing.sample;

import io.checkpointing.sample.StepOutcomes.Outcome;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /experiment} runs a small machine-learning experiment: generate a data set, train a
 * logistic regression model on 80% of it, evaluate the model on the other 20%. Each step is a
 * checkpointed method, so a repeated request reads every result back, and changing a parameter
 * runs only the steps that depend on it: a new {@code learningRate} trains and evaluates again
 * but reuses the data set.
 */
@RestController
public class ExperimentController {

	private static final double TRAIN_FRACTION = 0.8;

	private static final double MAX_LEARNING_RATE = 100;

	private final DatasetGenerator generator;

	private final Trainer trainer;

	private final Evaluator evaluator;

	private final StepOutcomes steps;

	public ExperimentController(DatasetGenerator generator, Trainer trainer, Evaluator evaluator,
			StepOutcomes steps) {
		this.generator = generator;
		this.trainer = trainer;
		this.evaluator = evaluator;
		this.steps = steps;
	}

	@GetMapping("/experiment")
	public ExperimentResponse experiment(@RequestParam(defaultValue = "42") long seed,
			@RequestParam(defaultValue = "200000") int samples, @RequestParam(defaultValue = "0.1") double learningRate,
			@RequestParam(defaultValue = "1000") int epochs) {
		// A huge learning rate (1e308, Infinity) or NaN trains a model of NaN weights, which would be stored.
		if (samples < 10 || samples > 2_000_000 || epochs < 1 || epochs > 100_000 || !(learningRate > 0)
				|| !(learningRate <= MAX_LEARNING_RATE)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Use 10 <= samples <= 2000000 (was " + samples
					+ "), 1 <= epochs <= 100000 (was " + epochs + ") and 0 < learningRate <= " + MAX_LEARNING_RATE
					+ " (was " + learningRate + ")");
		}
		long start = System.nanoTime();
		Outcome<Dataset> data = this.steps.record("DatasetGenerator#generate",
				() -> this.generator.generate(seed, samples));
		Dataset.Split split = data.value().split(TRAIN_FRACTION);
		Outcome<Model> model = this.steps.record("Trainer#train",
				() -> this.trainer.train(split.train(), learningRate, epochs));
		Outcome<Evaluation> evaluation = this.steps.record("Evaluator#evaluate",
				() -> this.evaluator.evaluate(model.value(), split.test()));
		long millis = (System.nanoTime() - start) / 1_000_000;
		return new ExperimentResponse(seed, samples, learningRate, epochs, evaluation.value().accuracy(),
				model.value(), new Steps(Step.of(data), Step.of(model), Step.of(evaluation)), millis);
	}

	/**
	 * The JSON answer.
	 * @param seed the seed of the data set
	 * @param samples the number of samples, for training and evaluation together
	 * @param learningRate the learning rate
	 * @param epochs the number of epochs
	 * @param accuracy the accuracy of the model on the evaluation samples
	 * @param model the trained model
	 * @param steps what happened in each step
	 * @param millis how long the whole request took
	 */
	public record ExperimentResponse(long seed, int samples, double learningRate, int epochs, double accuracy,
			Model model, Steps steps, long millis) {

	}

	/**
	 * What happened in each step.
	 * @param generate {@link DatasetGenerator#generate}
	 * @param train {@link Trainer#train}
	 * @param evaluate {@link Evaluator#evaluate}
	 */
	public record Steps(Step generate, Step train, Step evaluate) {

	}

	/**
	 * What happened in one step.
	 * @param result {@code hit} (stored result returned) or {@code miss} (the method ran and its
	 * result was stored); see {@link StepOutcomes.Outcome#result()} for the rare others
	 * @param millis how long the step took
	 */
	public record Step(String result, long millis) {

		static Step of(Outcome<?> outcome) {
			return new Step(outcome.result(), outcome.millis());
		}

	}

}
