package dev.mlforge.deeplearning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training run uses; every field is logged as a run parameter.
 *
 * @param epochs passes over the training set
 * @param batchSize images per optimizer step
 * @param learningRate Adam's learning rate
 * @param filters convolution filters
 * @param seed the random seed (initialisation and shuffling)
 */
public record TrainingSettings(int epochs, int batchSize, float learningRate, int filters, int seed) {

    public TrainingSettings {
        if (epochs < 1 || batchSize < 1 || filters < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs, batch size, filters and learning rate must be positive");
        }
    }

    Map<String, String> asParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("epochs", Integer.toString(epochs));
        params.put("batch_size", Integer.toString(batchSize));
        params.put("learning_rate", Float.toString(learningRate));
        params.put("filters", Integer.toString(filters));
        params.put("seed", Integer.toString(seed));
        params.put("optimizer", "adam");
        params.put("architecture", "conv3x3-relu-maxpool2-linear");
        return params;
    }
}
