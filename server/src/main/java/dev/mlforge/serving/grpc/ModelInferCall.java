package dev.mlforge.serving.grpc;

import dev.mlforge.serving.grpc.v2.ModelInferRequest;

/**
 * A ModelInfer request as the server reads it ({@link ModelInferMarshaller}): the message without its inputs'
 * {@code fp32_contents}, and those floats, read in bulk, beside it.
 *
 * @param request the message, every input's {@code fp32_contents} left empty (its {@code contents} kept, if given)
 * @param fp32    per input, in the message's order, its {@code fp32_contents}; an empty array when it had none
 */
record ModelInferCall(ModelInferRequest request, float[][] fp32) {}
