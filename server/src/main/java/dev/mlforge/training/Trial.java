package dev.mlforge.training;

import java.util.Map;

/** One candidate of a search: its child run, and the trained model, or the error when training failed. */
public record Trial(int index, String trainer, Map<String, Object> requestedParameters, String runId, TrainedModel model,
        String error) {
    public boolean succeeded() {
        return model != null;
    }

    public Double metric(String name) {
        return model == null ? null : model.metrics().get(name);
    }
}
