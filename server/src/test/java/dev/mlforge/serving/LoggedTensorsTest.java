package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The prediction log's tensor JSON is the text the mapper wrote before, character for character, for every datatype. */
class LoggedTensorsTest {
    private static String mapped(List<Tensor> tensors) {
        List<String> parts = new ArrayList<>();
        tensors.forEach(tensor -> parts.add(LoggedTensors.mapped(tensor)));
        return "[" + String.join(",", parts) + "]";
    }

    @Test
    void an_iris_row_and_a_classifier_answer_are_stored_as_before() {
        LoggedTensors encoder = new LoggedTensors();
        List<Tensor> inputs = List.of(new Tensor("input", DataType.FP32, new long[]{1, 4}, new float[]{6.2f, 2.8f, 4.8f, 1.8f}));
        List<Tensor> outputs = List.of(new Tensor("label", DataType.INT64, new long[]{1}, new long[]{2}),
                new Tensor("probabilities", DataType.FP32, new long[]{1, 3}, new float[]{0.01f, 0.24f, 0.75f}));

        assertThat(encoder.json(inputs))
                .isEqualTo("[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[6.2,2.8,4.8,1.8]}]");
        assertThat(encoder.json(outputs)).isEqualTo("[{\"name\":\"label\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[2]},"
                + "{\"name\":\"probabilities\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[0.01,0.24,0.75]}]");
    }

    @Test
    void every_datatype_odd_values_and_names_that_need_escaping_match_the_mapper() {
        SplittableRandom random = new SplittableRandom(3);
        LoggedTensors encoder = new LoggedTensors();
        for (int round = 0; round < 2_000; round++) {
            List<Tensor> tensors = new ArrayList<>();
            for (int t = 0; t < 1 + random.nextInt(3); t++) {
                tensors.add(randomTensor(random, t));
            }
            assertThat(encoder.json(tensors)).isEqualTo(mapped(tensors));
        }
        List<Tensor> odd = List.of(
                new Tensor("n\"a\\m\u00e9\n", DataType.FP32, new long[]{5}, new float[]{Float.NaN, 1f, Float.POSITIVE_INFINITY, -0f, 1e-9f}),
                new Tensor("d", DataType.FP64, new long[]{3}, new double[]{Double.NaN, 0.1, 1e300}),
                new Tensor("big", DataType.FP32, new long[]{2}, new float[]{3.4e38f, 1.0e7f}),
                new Tensor("empty", DataType.FP32, new long[]{0, 4}, new float[0]),
                new Tensor("scalar", DataType.INT32, new long[]{}, new int[]{-7}));
        for (Tensor tensor : odd) {
            assertThat(encoder.json(List.of(tensor))).as(tensor.name()).isEqualTo(mapped(List.of(tensor)));
        }
    }

    static Tensor randomTensor(SplittableRandom random, int index) {
        DataType[] types = {DataType.FP32, DataType.FP64, DataType.INT64, DataType.INT32, DataType.BOOL, DataType.UINT8,
                DataType.INT16, DataType.UINT64, DataType.UINT32, DataType.BYTES};
        DataType type = types[random.nextInt(types.length)];
        int rows = random.nextInt(0, 3);
        int width = random.nextInt(1, 6);
        int count = rows * width;
        Object data = type.allocate(count);
        for (int i = 0; i < count; i++) {
            switch (type) {
                case FP32 -> ((float[]) data)[i] = random.nextBoolean() ? Float.intBitsToFloat(random.nextInt())
                        : (float) random.nextDouble(-100, 100);
                case FP64 -> ((double[]) data)[i] = random.nextDouble(-1e6, 1e6);
                case INT64, UINT64 -> ((long[]) data)[i] = random.nextLong();
                case INT32, UINT32 -> ((int[]) data)[i] = random.nextInt();
                case BOOL -> ((boolean[]) data)[i] = random.nextBoolean();
                case UINT8 -> ((byte[]) data)[i] = (byte) random.nextInt();
                case INT16 -> ((short[]) data)[i] = (short) random.nextInt();
                default -> ((String[]) data)[i] = "s" + random.nextInt(100);
            }
        }
        return new Tensor("t" + index, type, new long[]{rows, width}, data);
    }
}
