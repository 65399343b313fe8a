package dev.mlforge.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every statistic against SciPy 1.10.1 / Evidently-formula goldens, to 6 significant digits. */
class DriftGoldenTest {

    @TestFactory
    Stream<DynamicTest> numerical_statistics_match_scipy_goldens() {
        return tests("numerical.json", (node, side) -> GoldenSamples.numbers(node.get(side)), true);
    }

    @TestFactory
    Stream<DynamicTest> ks_on_random_sizes_and_ties_matches_scipy() {
        return tests("ks_fuzz.json", (node, side) -> GoldenSamples.numbers(node.get(side)), true);
    }

    @TestFactory
    Stream<DynamicTest> large_generated_samples_match_scipy_goldens() {
        return tests("generated.json", (node, side) -> GoldenSamples.generated(node.get(side + "_generator")), true);
    }

    @TestFactory
    Stream<DynamicTest> categorical_statistics_match_evidently_goldens() {
        return tests("categorical.json", null, false);
    }

    private interface SampleReader {
        double[] read(JsonNode node, String side);
    }

    private static Stream<DynamicTest> tests(String file, SampleReader reader, boolean numerical) {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode node : GoldenSamples.cases(file)) {
            Iterator<Map.Entry<String, JsonNode>> results = node.get("results").fields();
            while (results.hasNext()) {
                Map.Entry<String, JsonNode> entry = results.next();
                DriftMethod method = DriftMethod.byId(entry.getKey()).orElseThrow();
                JsonNode expected = entry.getValue();
                tests.add(DynamicTest.dynamicTest(node.get("name").asText() + " " + method.id(), () -> {
                    if (numerical) {
                        double[] reference = reader.read(node, "reference");
                        double[] current = reader.read(node, "current");
                        check(expected, () -> DriftTests.numerical(method, reference, current));
                    } else {
                        String[] reference = GoldenSamples.strings(node.get("reference"));
                        String[] current = GoldenSamples.strings(node.get("current"));
                        check(expected, () -> DriftTests.categorical(method, reference, current));
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static void check(JsonNode expected, java.util.function.Supplier<TestResult> run) {
        if (expected.has("error")) {
            assertThatThrownBy(run::get).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        TestResult result = run.get();
        assertClose("statistic", result.statistic(), expected.get("statistic").asDouble());
        if (expected.get("p_value").isNull()) {
            assertThat(result.pValue()).isNaN();
        } else {
            assertClose("p_value", result.pValue(), expected.get("p_value").asDouble());
        }
    }

    static void assertClose(String what, double actual, double expected) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
            return;
        }
        if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        double tolerance = 1e-6 * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-12;
        assertThat(Math.abs(actual - expected)).as(what + ": actual " + actual + " expected " + expected)
                .isLessThanOrEqualTo(tolerance);
    }
}
