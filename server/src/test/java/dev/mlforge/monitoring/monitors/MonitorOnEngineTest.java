package dev.mlforge.monitoring.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.monitoring.testing.LoggedPredictions;
import dev.mlforge.monitoring.testing.References;
import dev.mlforge.monitoring.testing.SyntheticData;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.GoldenText;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A monitor whose reference reaches {@code monitoring.large-drift-bytes} computes drift on the bounded-memory engine
 * (DuckDB over the reference file and the window written to the spill folder), with the result the in-memory path
 * gives for the same reference and window: two servers, one sending every run to the engine, one none.
 */
class MonitorOnEngineTest {
    private static final String MONITOR = """
            {"deployment": "iris", "reference": {"dataset": "iris-ref", "dataset_version": 1},
             "window": {"last_n": 400}, "column_overrides": {"y": {"method": "psi"}}}""";

    @RegisterExtension
    final ApplicationExtension inMemory = ApplicationExtension.sqlite();
    @RegisterExtension
    final ApplicationExtension onEngine = ApplicationExtension.sqlite().withConfig("monitoring.large-drift-bytes", "0")
            .withConfig("monitoring.large-drift-memory-limit", "256MB");

    @Test
    void a_monitor_run_on_the_engine_stores_the_drift_the_in_memory_run_stores() throws Exception {
        JsonNode memoryDrift = runMonitor(inMemory);
        JsonNode engineDrift = runMonitor(onEngine);

        assertThat(engineDrift.get("drift").toString()).isEqualTo(memoryDrift.get("drift").toString());
        assertThat(engineDrift.get("reference_rows").asInt()).isEqualTo(memoryDrift.get("reference_rows").asInt()).isEqualTo(1500);
        assertThat(engineDrift.get("current_rows").asInt()).isEqualTo(400);
        assertThat(engineDrift.at("/drift/dataset_drift").asBoolean()).isTrue();
        new GoldenText().assertMatches("monitoring/monitor_run_drift_on_engine.json", engineDrift.get("drift").toString());
        // the engine path was taken (its spill folder exists) and left no window file behind; the other server never took it
        Path spill = onEngine.dataDir().resolve("monitoring").resolve("drift-spill");
        assertThat(spill).isDirectory();
        try (var files = Files.list(spill)) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("window-"))).isEmpty();
        }
        assertThat(inMemory.dataDir().resolve("monitoring").resolve("drift-spill")).doesNotExist();
    }

    @Test
    void a_window_sharing_no_column_with_the_large_reference_is_a_bad_request_naming_its_columns() throws Exception {
        References.registerDataset(onEngine, "iris-ref", SyntheticData.referenceCsv(50, 1));
        new LoggedPredictions(onEngine).add("iris", new PredictionRow("r1", "1", java.time.Instant.now(),
                java.util.Map.of("z", 1.0), 1, null, null));
        String id = onEngine.http().post("/api/v1/monitors", MONITOR).json(200).get("monitor").get("id").asText();

        JsonNode error = onEngine.http().post("/api/v1/monitors/" + id + "/run", "").json(400);

        assertThat(error.get("message").asText()).contains("[x, y, color]").contains("deployment 'iris'");
    }

    private static JsonNode runMonitor(ApplicationExtension server) {
        References.registerDataset(server, "iris-ref", SyntheticData.referenceCsv(1500, 11));
        SyntheticData.addPredictions(new LoggedPredictions(server), "iris", "1", 400, 0.4, 12);
        String id = server.http().post("/api/v1/monitors", MONITOR).json(200).get("monitor").get("id").asText();
        return server.http().post("/api/v1/monitors/" + id + "/run", "").json(200).get("result");
    }
}
