package dev.mlforge.serving;

import java.util.List;

/**
 * The answer to one inference request: which version answered, and its outputs; {@code dict} when the model returned
 * them as a dict of arrays (see {@link Predictor#answersDict()}).
 */
public record InferenceResult(String requestId, String deployment, String version, List<Tensor> outputs, boolean dict) {}
