package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Doubles written as Python's {@code repr} writes them (the texts below are CPython 3.11's). */
class PythonJsonReprTest {
    @Test
    void doubles_are_written_as_python_repr() {
        double[] values = {0.1, 1e-05, 1e16, 123456789012345678.0, (double) 151.425f, 0.0001, 1.0, 100.0, Double.MIN_VALUE,
                Double.MAX_VALUE, -2.5e-7, 9007199254740993.0, 0.3, 2.0 / 3, 1e15 + 0.3, 1e22, 1e23, -0.0, Double.NaN};
        List<String> python = List.of("0.1", "1e-05", "1e+16", "1.2345678901234568e+17", "151.4250030517578", "0.0001",
                "1.0", "100.0", "5e-324", "1.7976931348623157e+308", "-2.5e-07", "9007199254740992.0", "0.3",
                "0.6666666666666666", "1000000000000000.2", "1e+22", "1e+23", "-0.0", "NaN");
        for (int i = 0; i < values.length; i++) {
            assertThat(PythonJson.repr(values[i])).as("repr of %s", values[i]).isEqualTo(python.get(i));
        }
    }

    @Test
    void repr_reads_back_as_the_same_double_and_is_never_longer_than_java() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String repr = PythonJson.repr(value);
            assertThat(Double.parseDouble(repr)).isEqualTo(value);
            assertThat(digits(repr)).isLessThanOrEqualTo(digits(Double.toString(value)));
        }
    }

    @Test
    void payloads_write_doubles_as_python_does() {
        assertThat(PythonJson.write(List.of(1.5e-7, 3.0, 2L))).isEqualTo("[1.5e-07, 3.0, 2]");
    }

    private static int digits(String text) {
        String mantissa = text.replaceFirst("[eE].*", "").replace("-", "").replace(".", "").replaceFirst("^0+", "");
        return mantissa.replaceFirst("0+$", "").length();
    }
}
