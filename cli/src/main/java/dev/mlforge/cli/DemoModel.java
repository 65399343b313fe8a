package dev.mlforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client needs to call the trained model, read from its MLmodel file: the input columns in the model's
 * order and the class label of each output score.
 */
record DemoModel(List<String> featureNames, List<String> outputLabels) {

    static DemoModel fromMlmodel(String yaml) {
        JsonNode metadata;
        try {
            metadata = new YAMLMapper().readTree(yaml).path("metadata");
        } catch (IOException e) {
            throw new DemoFailure("the model's MLmodel file is not YAML: " + e.getMessage());
        }
        List<String> features = strings(metadata.path("feature_names"));
        List<String> labels = strings(metadata.path("output_labels"));
        if (features.isEmpty() || labels.isEmpty()) {
            throw new DemoFailure("the model's MLmodel file names no feature_names or output_labels in its metadata");
        }
        return new DemoModel(features, labels);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /**
     * The class an Open Inference Protocol answer predicts for its one row: the {@code label} tensor when the model
     * answers one (Tribuo's native models), else the class of the highest score of the first output tensor.
     */
    String predictedLabel(JsonNode outputs) {
        for (JsonNode output : outputs) {
            if (output.path("name").asText().equals("label")) {
                return output.path("data").path(0).asText();
            }
        }
        JsonNode scores = outputs.path(0).path("data");
        if (scores.size() != outputLabels.size()) {
            throw new DemoFailure("the model answered " + scores.size() + " scores for " + outputLabels.size() + " classes");
        }
        return outputLabels.get(argmax(scores));
    }

    private static int argmax(JsonNode scores) {
        int best = 0;
        for (int i = 1; i < scores.size(); i++) {
            if (scores.get(i).asDouble() > scores.get(best).asDouble()) {
                best = i;
            }
        }
        return best;
    }
}
