package dev.mlforge.serving.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.serving.DataType;
import dev.mlforge.serving.Tensor;
import dev.mlforge.serving.grpc.v2.InferParameter;
import dev.mlforge.serving.grpc.v2.ModelInferResponse;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ModelInfer answers written with their FP32 contents in bulk are the bytes the generated serializer writes for the
 * same message: outputs of every size class of the length varints, floats whose bits a conversion could change (NaN
 * payloads, -0.0, subnormals), an empty FP32 output, typed contents of another type, parameters.
 */
class ModelInferAnswerMarshallerTest {

    private static float[] floats(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = i * 0.37f - 11f;
        }
        return values;
    }

    /** The answer as the server builds it, and the same message with every output's contents set in it. */
    private static byte[][] bothWays(List<Tensor> outputs) {
        ModelInferResponse.Builder split = ModelInferResponse.newBuilder().setModelName("mlp64").setModelVersion("3")
                .setId("req-1").putParameters("note", InferParameter.newBuilder().setStringParam("x").build());
        ModelInferResponse.Builder whole = split.clone();
        float[][] fp32 = new float[outputs.size()][];
        for (int i = 0; i < outputs.size(); i++) {
            Tensor output = outputs.get(i);
            whole.addOutputs(GrpcTensors.header(output).setContents(GrpcTensors.contents(output)));
            if (output.data() instanceof float[] values) {
                fp32[i] = values;
                split.addOutputs(GrpcTensors.header(output));
            } else {
                split.addOutputs(GrpcTensors.header(output).setContents(GrpcTensors.contents(output)));
            }
        }
        return new byte[][]{ModelInferAnswerMarshaller.bytes(new ModelInferAnswer(split.build(), fp32)),
                whole.build().toByteArray()};
    }

    @Test
    void fp32_outputs_written_in_bulk_are_the_generated_serializers_bytes() {
        float[] odd = {Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffa00000), -0.0f, Float.MIN_VALUE,
                Float.POSITIVE_INFINITY, 1.0f};
        List<Tensor> outputs = List.of(
                new Tensor("probabilities", DataType.FP32, new long[]{256, 3}, floats(768)),
                new Tensor("label", DataType.INT64, new long[]{2}, new long[]{1, -7}),
                new Tensor("odd", DataType.FP32, new long[]{6}, odd),
                new Tensor("none", DataType.FP32, new long[]{0, 3}, new float[0]),
                new Tensor("large", DataType.FP32, new long[]{5000, 10}, floats(50_000)),
                new Tensor("one", DataType.FP32, new long[]{1}, new float[]{2.5f}));
        byte[][] answers = bothWays(outputs);
        assertThat(answers[0]).isEqualTo(answers[1]);
        assertThat(answers[0].length).isGreaterThan(4 * 50_000);
    }

    @Test
    void an_answer_without_fp32_outputs_is_the_message_as_it_is() throws Exception {
        byte[][] answers = bothWays(List.of(new Tensor("label", DataType.INT64, new long[]{1}, new long[]{2})));
        assertThat(answers[0]).isEqualTo(answers[1]);
        ByteArrayOutputStream drained = new ByteArrayOutputStream();
        ModelInferResponse parsed = ModelInferResponse.parseFrom(answers[0]);
        float[][] none = new float[1][];
        try (var stream = new ModelInferAnswerMarshaller().stream(new ModelInferAnswer(parsed, none))) {
            assertThat(stream.available()).isEqualTo(answers[1].length);
            ((io.grpc.Drainable) stream).drainTo(drained);
        }
        assertThat(drained.toByteArray()).isEqualTo(answers[1]);
    }
}
