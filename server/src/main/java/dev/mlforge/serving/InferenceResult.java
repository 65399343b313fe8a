package dev.mlforge.serving;

import java.util.List;

/** The answer to one inference request: which version answered, and its outputs. */
public record InferenceResult(String requestId, String deployment, String version, List<Tensor> outputs) {}
