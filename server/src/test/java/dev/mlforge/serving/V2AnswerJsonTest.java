package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlforge.api.serving.InferenceResponse;
import dev.mlforge.api.serving.InferenceTensor;
import dev.mlforge.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streamed V2 answer is the mapper's text, byte for byte, whatever the outputs hold. */
class V2AnswerJsonTest {
    private static String streamed(InferenceResponse response) throws Exception {
        return new String(V2AnswerJson.write(response), StandardCharsets.UTF_8);
    }

    private static String mapped(InferenceResponse response) throws Exception {
        return Json.mapper().writeValueAsString(response);
    }

    @Test
    void an_iris_answer_is_written_as_the_mapper_writes_it() throws Exception {
        InferenceResponse response = new InferenceResponse("iris", "3", "req-1", List.of(
                new InferenceTensor("label", new long[]{1}, "INT64", new long[]{2}),
                new InferenceTensor("probabilities", new long[]{1, 3}, "FP32", new float[]{0.01f, 0.24f, 0.75f})), null);

        assertThat(streamed(response)).isEqualTo("{\"model_name\":\"iris\",\"model_version\":\"3\",\"id\":\"req-1\",\"outputs\":["
                + "{\"name\":\"label\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[2]},"
                + "{\"name\":\"probabilities\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[0.01,0.24,0.75]}]}");
        assertThat(streamed(response)).isEqualTo(mapped(response));
    }

    @Test
    void random_outputs_odd_floats_nulls_and_escaped_names_match_the_mapper() throws Exception {
        SplittableRandom random = new SplittableRandom(12);
        for (int round = 0; round < 2_000; round++) {
            List<InferenceTensor> outputs = new ArrayList<>();
            for (int t = 0; t < random.nextInt(4); t++) {
                outputs.add(randomTensor(random, t));
            }
            String id = random.nextInt(4) == 0 ? null : "id \"" + round + "\"\u00e9\n";
            String name = random.nextInt(8) == 0 ? null : "model-" + round;
            InferenceResponse response = new InferenceResponse(name, String.valueOf(round), id, outputs, null);
            assertThat(streamed(response)).isEqualTo(mapped(response));
        }
    }

    @Test
    void string_outputs_binary_data_and_echoed_parameters_come_out_as_the_mapper_writes_them() throws Exception {
        InferenceTensor strings = new InferenceTensor("label", new long[]{2}, "BYTES", new String[]{"setosa", "virginica"});
        InferenceTensor binary = new InferenceTensor("p", new long[]{1}, "FP32", null, Map.of("binary_data_size", 4));
        InferenceTensor plain = new InferenceTensor("p", new long[]{1}, "FP32", new float[]{1f});
        List<InferenceResponse> responses = List.of(
                new InferenceResponse("m", "1", "a", List.of(strings), null),
                new InferenceResponse("m", "1", "a", List.of(binary), null),
                new InferenceResponse("m", "1", "a", List.of(plain), JsonNodeFactory.instance.objectNode().put("k", 1)));
        for (InferenceResponse response : responses) {
            assertThat(streamed(response)).isEqualTo(mapped(response));
        }
    }

    @Test
    void binary_data_answers_and_echoed_parameters_are_streamed_as_the_mapper_writes_them() throws Exception {
        InferenceTensor binary = new InferenceTensor("probabilities", new long[]{256, 3}, "FP32", null,
                Map.of("binary_data_size", 3072));
        InferenceTensor inline = new InferenceTensor("label", new long[]{2}, "INT64", new long[]{1, 2},
                Map.of("binary_data", false));
        InferenceTensor bare = new InferenceTensor("empty", new long[]{0}, "FP32", null, null);
        var echoed = JsonNodeFactory.instance.objectNode().put("binary_data_output", true);
        echoed.putObject("nested").put("text", "\"q\"\u00e9").putArray("list").add(1.5).add("x");
        List<InferenceResponse> responses = List.of(
                new InferenceResponse("mlp64", "1", "req", List.of(binary), echoed),
                new InferenceResponse("mlp64", "1", "req", List.of(inline, binary, bare), null),
                new InferenceResponse("mlp64", "1", null, List.of(), echoed));
        for (InferenceResponse response : responses) {
            assertThat(streamed(response)).isEqualTo(mapped(response));
        }
        assertThat(streamed(responses.get(0))).isEqualTo("{\"model_name\":\"mlp64\",\"model_version\":\"1\",\"id\":\"req\","
                + "\"outputs\":[{\"name\":\"probabilities\",\"shape\":[256,3],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":3072}}],\"parameters\":{\"binary_data_output\":true,"
                + "\"nested\":{\"text\":\"\\\"q\\\"\u00e9\",\"list\":[1.5,\"x\"]}}}");
    }

    private static InferenceTensor randomTensor(SplittableRandom random, int index) {
        int count = random.nextInt(6);
        long[] shape = random.nextBoolean() ? new long[]{1, count} : new long[]{count};
        String name = index == 0 ? "out\t\"" + index + "\"" : "out" + index;
        return switch (random.nextInt(5)) {
            case 0 -> new InferenceTensor(name, shape, "FP32", floats(random, count));
            case 1 -> new InferenceTensor(name, shape, "FP64", doubles(random, count));
            case 2 -> new InferenceTensor(name, shape, "INT32", random.ints(count).toArray());
            case 3 -> new InferenceTensor(name, shape, "INT64", random.longs(count).toArray());
            default -> {
                boolean[] values = new boolean[count];
                for (int i = 0; i < count; i++) {
                    values[i] = random.nextBoolean();
                }
                yield new InferenceTensor(name, shape, "BOOL", values);
            }
        };
    }

    private static final float[] ODD_FLOATS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f,
            Float.MIN_VALUE, Float.MAX_VALUE, 1e-7f, 1e7f, 0.1f};

    private static float[] floats(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt(4) == 0 ? ODD_FLOATS[random.nextInt(ODD_FLOATS.length)]
                    : Float.intBitsToFloat(random.nextInt());
        }
        return values;
    }

    private static double[] doubles(SplittableRandom random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextInt(4) == 0 ? Double.NaN : Double.longBitsToDouble(random.nextLong());
        }
        return values;
    }
}
