package dev.mlforge.serving;

import java.time.Instant;

/**
 * A prediction as the prediction log stores it: the tensors in {@link PackedTensors}' binary form and the number of
 * input rows the request held (what {@code serving.prediction-log.max-rows} counts).
 */
record PackedPrediction(String requestId, String deployment, String version, byte[] inputs, byte[] outputs, long rows,
        double latencyMillis, Instant time, boolean shadow) {}
