package dev.mlforge.serving;

import java.time.Instant;

/**
 * One logged prediction. {@code inputsJson} and {@code outputsJson} are JSON arrays of Open Inference Protocol
 * tensors ({@code [{"name", "datatype", "shape", "data"}]}); {@code label} is the ground truth attached later
 * by feedback (a JSON value, null until then); {@code shadow} marks a mirrored request's answer.
 */
public record PredictionRecord(String requestId, String deployment, String version, String inputsJson,
        String outputsJson, double latencyMillis, Instant time, boolean shadow, String label) {}
