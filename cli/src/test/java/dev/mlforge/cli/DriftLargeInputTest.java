package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlforge drift} on inputs that do not fit the heap: a child JVM with 64 MB of heap compares two CSV files of
 * 1,000,000 rows each on the DuckDB engine (chosen by {@code --engine auto} for their size), where the in-memory
 * engine runs out of heap.
 */
class DriftLargeInputTest {
    private static final List<String> SMALL_HEAP = List.of("-Xmx64m");
    private static final int ROWS = 1_000_000;
    /** Generous: the machine may be shared by several builds. */
    private static final int TIMEOUT_SECONDS = 900;

    @TempDir
    static Path folder;

    private static Path reference;
    private static Path current;

    @BeforeAll
    static void generate_two_large_csv_files() throws Exception {
        reference = folder.resolve("reference.csv");
        current = folder.resolve("current.csv");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            for (Path file : List.of(reference, current)) {
                double shift = file == reference ? 0 : 0.5;
                statement.execute("COPY (SELECT random() + " + shift + " AS x, round(random() * 100, 1) AS rounded,"
                        + " (random() * 7)::INTEGER AS small, 'city' || (random() * 30)::INTEGER AS city,"
                        + " CASE WHEN random() < 0.1 THEN NULL ELSE random() END AS sparse FROM range(" + ROWS
                        + ")) TO '" + file + "' (HEADER)");
            }
        }
    }

    @Test
    void auto_engine_reports_drift_on_millions_of_rows_within_64_mb_of_heap() throws Exception {
        CliProcess.Result result = CliProcess.run(folder, Map.of(), SMALL_HEAP, TIMEOUT_SECONDS, "drift", "--reference",
                reference.toString(), "--current", current.toString(), "--memory-limit", "256MB", "--format", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(result.out());
        assertThat(report.get("reference_rows").asLong()).isEqualTo(ROWS);
        assertThat(report.get("current_rows").asLong()).isEqualTo(ROWS);
        assertThat(report.get("columns")).hasSize(5);
        JsonNode x = report.get("columns").get(0);
        assertThat(x.get("method").asText()).isEqualTo("wasserstein");
        assertThat(x.get("drifted").asBoolean()).isTrue();
        JsonNode rounded = report.get("columns").get(1);
        assertThat(rounded.get("drifted").asBoolean()).isFalse();
        assertThat(report.get("columns").get(3).get("type").asText()).isEqualTo("categorical");
        assertThat(report.get("columns").get(4).get("missing_reference").asDouble()).isBetween(0.09, 0.11);
    }

    @Test
    void memory_engine_runs_out_of_the_same_heap() throws Exception {
        CliProcess.Result result = CliProcess.run(folder, Map.of(), SMALL_HEAP, TIMEOUT_SECONDS, "drift", "--reference",
                reference.toString(), "--current", current.toString(), "--engine", "memory", "--format", "json");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.out() + result.err()).containsIgnoringCase("heap space");
    }
}
