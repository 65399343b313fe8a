package dev.mlforge.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statistic against SciPy 1.10.1 / Evidently-formula goldens, to 6 significant digits, through both paths: the
 * in-memory one ({@link DriftTests}) and the large-data one ({@link LargeDrift}: numbers from a CSV file, categories
 * from a Parquet file, both scanned by the engine and streamed as runs or counts).
 */
class DriftGoldenTest {
    private static final Map<String, DriftReport> ENGINE_REPORTS = new java.util.concurrent.ConcurrentHashMap<>();

    @TempDir
    static Path folder;

    @TestFactory
    Stream<DynamicNode> numerical_statistics_match_scipy_goldens() {
        return bothEngines("numerical.json", (node, side) -> GoldenSamples.numbers(node.get(side)), true);
    }

    @TestFactory
    Stream<DynamicNode> ks_on_random_sizes_and_ties_matches_scipy() {
        return bothEngines("ks_fuzz.json", (node, side) -> GoldenSamples.numbers(node.get(side)), true);
    }

    @TestFactory
    Stream<DynamicNode> large_generated_samples_match_scipy_goldens() {
        return bothEngines("generated.json", (node, side) -> GoldenSamples.generated(node.get(side + "_generator")),
                true);
    }

    @TestFactory
    Stream<DynamicNode> categorical_statistics_match_evidently_goldens() {
        return bothEngines("categorical.json", null, false);
    }

    private interface SampleReader {
        double[] read(JsonNode node, String side);
    }

    /** Runs one method on one golden case's samples. */
    private interface Engine {
        TestResult run(DriftMethod method, JsonNode node, SampleReader reader, boolean numerical);
    }

    private static Stream<DynamicNode> bothEngines(String file, SampleReader reader, boolean numerical) {
        return Stream.of(DynamicContainer.dynamicContainer("memory", tests(file, reader, numerical,
                        DriftGoldenTest::inMemory)),
                DynamicContainer.dynamicContainer("duckdb", tests(file, reader, numerical, DriftGoldenTest::engine)));
    }

    private static Stream<DynamicTest> tests(String file, SampleReader reader, boolean numerical, Engine engine) {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode node : GoldenSamples.cases(file)) {
            Iterator<Map.Entry<String, JsonNode>> results = node.get("results").fields();
            while (results.hasNext()) {
                Map.Entry<String, JsonNode> entry = results.next();
                DriftMethod method = DriftMethod.byId(entry.getKey()).orElseThrow();
                JsonNode expected = entry.getValue();
                tests.add(DynamicTest.dynamicTest(node.get("name").asText() + " " + method.id(),
                        () -> check(expected, () -> engine.run(method, node, reader, numerical))));
            }
        }
        return tests.stream();
    }

    private static TestResult inMemory(DriftMethod method, JsonNode node, SampleReader reader, boolean numerical) {
        if (numerical) {
            return DriftTests.numerical(method, reader.read(node, "reference"), reader.read(node, "current"));
        }
        return DriftTests.categorical(method, GoldenSamples.strings(node.get("reference")),
                GoldenSamples.strings(node.get("current")));
    }

    /**
     * The column's verdict from the engine; a column it could not test stands for the in-memory path's exception. One
     * engine run per case: the files hold the case's sample once per method, as columns named by the methods.
     */
    private static TestResult engine(DriftMethod method, JsonNode node, SampleReader reader, boolean numerical) {
        DriftReport report = ENGINE_REPORTS.computeIfAbsent(System.identityHashCode(node) + (numerical ? ".csv"
                : ".parquet"), name -> engineReport(name, node, reader, numerical));
        ColumnDrift column = report.columns().stream().filter(drift -> drift.name().equals(method.id())).findFirst()
                .orElseThrow();
        if (column.error() != null) {
            throw new IllegalArgumentException(column.error());
        }
        return new TestResult(column.statistic(), column.pValue());
    }

    private static DriftReport engineReport(String name, JsonNode node, SampleReader reader, boolean numerical) {
        Map<String, DriftMethod> methods = new java.util.LinkedHashMap<>();
        node.get("results").fieldNames().forEachRemaining(id -> methods.put(id, DriftMethod.byId(id).orElseThrow()));
        Path reference = folder.resolve("reference-" + name);
        Path current = folder.resolve("current-" + name);
        if (numerical) {
            EngineFiles.numbersCsv(reference, methods.keySet(), reader.read(node, "reference"));
            EngineFiles.numbersCsv(current, methods.keySet(), reader.read(node, "current"));
        } else {
            EngineFiles.textParquet(reference, methods.keySet(), GoldenSamples.strings(node.get("reference")));
            EngineFiles.textParquet(current, methods.keySet(), GoldenSamples.strings(node.get("current")));
        }
        return new LargeDrift(folder, "256MB").compare(reference, current,
                DriftOptions.defaults().withColumnMethods(methods));
    }

    private static void check(JsonNode expected, Supplier<TestResult> run) {
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
