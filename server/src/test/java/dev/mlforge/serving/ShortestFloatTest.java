package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ShortestFloat} against Jackson's fast float writer, whose text the prediction log stored before it. */
class ShortestFloatTest {
    private static String library(float value) {
        return NumberOutput.toString(value, true);
    }

    /** The fast text, or null when declined; a declined value appends nothing. */
    private static String fast(float value) {
        StringBuilder out = new StringBuilder("x");
        boolean handled = ShortestFloat.append(out, value);
        if (!handled) {
            assertThat(out).hasToString("x");
            return null;
        }
        return out.substring(1);
    }

    @Test
    void values_clients_send_and_models_answer_are_written_as_the_library_writes_them() {
        float[] values = {0f, -0f, 1f, -1f, 0.25f, 0.5f, 2f, 1024f, 0.1f, 0.3f, 6.2f, 2.8f, 4.8f, 1.8f, 0.01f, 0.24f,
                0.75f, 0.86888415f, 0.032728866f, 0.09838698f, 0.99465406f, 0.0053325156f, 3.1415927f, 1e-3f, 0.0010000001f,
                9_999_999f, 8_388_608f, 8_388_607.5f, 16_777.216f, 123_456.79f, 0.001953125f, 4.0e-3f, 7.0f, 1.0e6f,
                Math.nextUp(1e-3f), Math.nextDown(1e7f), Math.nextUp(1f), Math.nextDown(1f), Math.nextDown(2f)};
        for (float value : values) {
            for (float signed : new float[]{value, -value}) {
                assertThat(fast(signed)).as("%s (bits %08x)", library(signed), Float.floatToRawIntBits(signed))
                        .isEqualTo(library(signed));
            }
        }
    }

    @Test
    void random_floats_in_the_plain_range_match_and_the_rest_is_declined() {
        SplittableRandom random = new SplittableRandom(12);
        int handled = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            String text = fast(value);
            if (text != null) {
                handled++;
                assertThat(text).as("bits %08x", Float.floatToRawIntBits(value)).isEqualTo(library(value));
                assertThat(Float.parseFloat(text)).isEqualTo(value);
            } else {
                float magnitude = Math.abs(value);
                assertThat(magnitude >= 1e-3f && magnitude < 1e7f).as("declined %s", library(value)).isFalse();
            }
        }
        assertThat(handled).isGreaterThan(10_000);
        for (int i = 0; i < 2_000_000; i++) {
            // Uniform magnitudes in [1e-3, 1e7): the features and scores a prediction log holds.
            float value = (float) (Math.pow(10, random.nextDouble(-3, 7)) * (random.nextBoolean() ? 1 : -1));
            if (Math.abs(value) >= 1e7f) {
                continue;
            }
            assertThat(fast(value)).as("bits %08x", Float.floatToRawIntBits(value)).isEqualTo(library(value));
        }
    }

    @Test
    void short_decimals_as_clients_type_them_read_back_as_typed() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 500_000; i++) {
            int digits = random.nextInt(1, 8);
            int scale = random.nextInt(0, 8);
            long unscaled = random.nextLong((long) Math.pow(10, digits));
            float value = new java.math.BigDecimal(java.math.BigInteger.valueOf(unscaled), scale).floatValue();
            String text = fast(value);
            if (text != null) {
                assertThat(text).isEqualTo(library(value));
            }
        }
    }
}
