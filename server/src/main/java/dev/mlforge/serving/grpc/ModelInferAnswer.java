package dev.mlforge.serving.grpc;

import dev.mlforge.serving.grpc.v2.ModelInferResponse;

/**
 * A ModelInfer answer as the server writes it ({@link ModelInferAnswerMarshaller}): the response with the
 * {@code fp32_contents} of its outputs left out, and those floats beside it, {@code fp32[i]} for output {@code i}
 * (null for an output whose contents, if any, are in the message).
 */
record ModelInferAnswer(ModelInferResponse response, float[][] fp32) {}
