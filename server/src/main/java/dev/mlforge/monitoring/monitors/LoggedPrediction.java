package dev.mlforge.monitoring.monitors;

import java.time.Instant;

/**
 * One logged inference request as serving stores it (its {@code PredictionRecord}).
 *
 * @param inputsJson  the request's Open Inference Protocol tensors, a JSON array of {@code {name, shape, datatype, data}}
 * @param outputsJson the answer's tensors, same form
 * @param labelJson   the feedback label as JSON (one value, or an array with one value per row); null until given
 * @param shadow      whether this was a mirrored (shadow) answer
 */
public record LoggedPrediction(String requestId, String version, Instant time, String inputsJson, String outputsJson,
        String labelJson, boolean shadow) {}
