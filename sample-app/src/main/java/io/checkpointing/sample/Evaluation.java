package io.checkpointing.sample;

/**
 * How well a model labels a data set.
 * @param accuracy the fraction of samples labelled correctly
 * @param correct how many samples were labelled correctly
 * @param total how many samples there were
 */
public record Evaluation(double accuracy, int correct, int total) {

}
