package dev.mlforge.sdk;

import java.util.List;

/**
 * The answer of a scoring call ({@link DeploymentsClient#predict}): MLflow's {@code predictions} and the two
 * headers that identify the answer.
 *
 * @param requestId the request id ({@code X-Request-ID}), which {@link DeploymentsClient#feedback} takes
 * @param modelVersion the model version that answered ({@code X-Model-Version})
 * @param predictions one entry per row, as MLflow's scoring server answers
 */
public record ScoredPredictions(String requestId, String modelVersion, List<Object> predictions) {
    /**
     * Copies {@code predictions}; absent reads as none.
     *
     * @param requestId the request id
     * @param modelVersion the answering version
     * @param predictions the predictions
     */
    public ScoredPredictions {
        predictions = predictions == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(predictions));
    }
}
