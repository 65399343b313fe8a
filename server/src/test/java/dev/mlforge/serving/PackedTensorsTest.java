package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The prediction log's binary form gives back the tensors it was given, bit for bit, and so the JSON the log stored
 * before, character for character: every datatype, odd floats, multi-dimensional, scalar and empty tensors.
 */
class PackedTensorsTest {
    private static final LoggedTensors ENCODER = new LoggedTensors();

    @Test
    void odd_floats_come_back_with_the_same_bits() {
        float[] floats = {Float.NaN, Float.intBitsToFloat(0x7fc00123), Float.intBitsToFloat(0xffa00001), -0f, 0f,
                Float.MIN_VALUE, Float.intBitsToFloat(0x007fffff), -Float.MIN_NORMAL, Float.MAX_VALUE,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 0.1f, 16_777_217f};
        double[] doubles = {Double.NaN, Double.longBitsToDouble(0x7ff0000000000abcL), -0d, Double.MIN_VALUE,
                Double.longBitsToDouble(0x000fffffffffffffL), Double.MAX_VALUE, Double.NEGATIVE_INFINITY, 0.1, 1e300};
        List<Tensor> tensors = List.of(new Tensor("f", DataType.FP32, new long[]{floats.length}, floats),
                new Tensor("d", DataType.FP64, new long[]{doubles.length}, doubles));

        List<Tensor> back = PackedTensors.unpack(PackedTensors.pack(tensors));

        float[] floatsBack = (float[]) back.get(0).data();
        for (int i = 0; i < floats.length; i++) {
            assertThat(Float.floatToRawIntBits(floatsBack[i])).as("float %d", i).isEqualTo(Float.floatToRawIntBits(floats[i]));
        }
        double[] doublesBack = (double[]) back.get(1).data();
        for (int i = 0; i < doubles.length; i++) {
            assertThat(Double.doubleToRawLongBits(doublesBack[i])).as("double %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(doubles[i]));
        }
        assertThat(PackedTensors.json(PackedTensors.pack(tensors), ENCODER)).isEqualTo(ENCODER.json(tensors));
    }

    @Test
    void integers_strings_and_shapes_come_back_as_given() {
        List<Tensor> tensors = List.of(
                new Tensor("image", DataType.FP32, new long[]{2, 2, 3}, new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
                new Tensor("ids", DataType.INT64, new long[]{3}, new long[]{Long.MIN_VALUE, -1, Long.MAX_VALUE}),
                new Tensor("counts", DataType.UINT32, new long[]{2, 1}, new int[]{Integer.MIN_VALUE, 7}),
                new Tensor("half", DataType.FP16, new long[]{2}, new short[]{(short) 0x3c00, (short) 0xfc00}),
                new Tensor("bytes", DataType.INT8, new long[]{3}, new byte[]{-128, 0, 127}),
                new Tensor("flags", DataType.BOOL, new long[]{1, 3}, new boolean[]{true, false, true}),
                new Tensor("n\"a\\m\u00e9 \ud83d\ude00", DataType.BYTES, new long[]{4},
                        new String[]{"caf\u00e9", "", null, "\ud83d\ude00,\"\n"}),
                new Tensor("scalar", DataType.INT32, new long[]{}, new int[]{-7}),
                new Tensor("empty", DataType.FP32, new long[]{0, 64}, new float[0]));

        List<Tensor> back = PackedTensors.unpack(PackedTensors.pack(tensors));

        assertThat(back).hasSize(tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            Tensor given = tensors.get(i);
            Tensor read = back.get(i);
            assertThat(read.name()).isEqualTo(given.name());
            assertThat(read.datatype()).isEqualTo(given.datatype());
            assertThat(read.shape()).isEqualTo(given.shape());
            assertThat(read.data().getClass()).isEqualTo(given.data().getClass());
            for (int e = 0; e < Array.getLength(given.data()); e++) {
                assertThat(Array.get(read.data(), e)).as("%s[%d]", given.name(), e).isEqualTo(Array.get(given.data(), e));
            }
        }
        assertThat(PackedTensors.json(PackedTensors.pack(tensors), ENCODER)).isEqualTo(ENCODER.json(tensors));
    }

    @Test
    void random_tensors_of_every_datatype_read_back_as_the_json_stored_before() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            List<Tensor> tensors = new ArrayList<>();
            for (int t = 0; t < random.nextInt(4); t++) {
                tensors.add(LoggedTensorsTest.randomTensor(random, t));
            }
            assertThat(PackedTensors.json(PackedTensors.pack(tensors), ENCODER)).isEqualTo(ENCODER.json(tensors));
        }
    }

    @Test
    void a_256_row_request_of_64_floats_takes_four_bytes_a_value() {
        float[] values = new float[256 * 64];
        List<Tensor> tensors = List.of(new Tensor("input", DataType.FP32, new long[]{256, 64}, values));

        assertThat(PackedTensors.pack(tensors)).hasSize(1 + 4 + 4 + "input".length() + 4 + "FP32".length() + 4 + 16
                + 4 * values.length);
    }

    @Test
    void a_tensor_of_boxed_values_is_kept_as_its_json_text() {
        List<Tensor> tensors = List.of(new Tensor("boxed", DataType.FP32, new long[]{2}, new Float[]{0.5f, -0f}));

        byte[] packed = PackedTensors.pack(tensors);

        assertThat(packed[0]).isEqualTo((byte) 'J');
        assertThat(PackedTensors.json(packed, ENCODER)).isEqualTo(ENCODER.json(tensors));
    }
}
