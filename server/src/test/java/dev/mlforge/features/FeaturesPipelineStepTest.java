package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code features} pipeline step end to end over HTTP: entity rows loaded by {@code load}, joined point-in-time
 * with a feature view, registered as a dataset version, split, featurized and trained on; the model's run records the training
 * set as its dataset input.
 */
class FeaturesPipelineStepTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("pipelines.base-dir", dataDir -> dataDir.resolve("pipelines").toString());

    private static final String PIPELINE = """
            name: driver-model
            experiment: drivers
            steps:
              - {name: load, uses: load, with: {path: entities.csv}}
              - name: features
                uses: features
                inputs: {data: load.data}
                with: {dataset: driver_training, features: [driver_stats:conv_rate, driver_stats:trips]}
              - name: split
                uses: split
                inputs: {data: features.data}
                with: {label: label, test_fraction: 0.25, stratify: false}
              - name: featurize
                uses: featurize
                inputs: {train: split.train, test: split.test}
                with: {label: label}
              - name: train
                uses: train
                inputs: {train: featurize.train, test: featurize.test, featurizer: featurize.featurizer}
                with: {label: label, metric: accuracy, trainers: {cart: {max_depth: [2]}}}
            """;

    @Test
    void a_pipeline_trains_on_a_point_in_time_training_set_it_registered() throws Exception {
        Path data = server.dataDir();
        StringBuilder features = new StringBuilder("driver_id,event_timestamp,conv_rate,trips\n");
        StringBuilder entities = new StringBuilder("driver_id,event_timestamp,label\n");
        for (int driver = 1; driver <= 20; driver++) {
            features.append(driver).append(",2024-01-01T10:00:00Z,").append(driver / 20.0).append(',').append(driver).append('\n');
            features.append(driver).append(",2024-01-01T12:00:00Z,").append(1 - driver / 20.0).append(',').append(100 + driver).append('\n');
            // 11:00: the 10:00 row applies, never the later 12:00 one
            entities.append(driver).append(",2024-01-01T11:00:00Z,").append(driver > 10 ? "high" : "low").append('\n');
        }
        FeatureStoreRoutesTest.write(data.resolve("features/drivers.csv"), features.toString());
        FeatureStoreRoutesTest.write(data.resolve("pipelines/entities.csv"), entities.toString());
        TestHttp http = server.http();
        http.post("/api/v1/features/apply", Map.of(
                "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(PointInTimeJoinTest.view("driver_stats", "features/drivers.csv", 0, List.of(
                        Map.of("name", "conv_rate", "dtype", "Float64"), Map.of("name", "trips", "dtype", "Int64")))))).json(200);

        String runId = http.post("/api/v1/pipelines/runs", Map.of("pipeline", PIPELINE)).json(201).path("run_id").asText();
        JsonNode run = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get("/api/v1/pipelines/runs/" + runId).json(200).path("run"),
                        node -> !node.path("status").asText().equals("RUNNING"));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");

        JsonNode step = run.path("steps").get(1);
        assertThat(step.path("step").asText()).isEqualTo("features");
        assertThat(step.path("outputs").path("dataset").path("value").asText()).isEqualTo("driver_training");
        String content = http.get("/api/v1/datasets/driver_training/versions/1/content").body();
        assertThat(content.lines().findFirst().orElseThrow()).isEqualTo("driver_id,event_timestamp,label,conv_rate,trips");
        assertThat(content).contains("7,2024-01-01").contains(",low,0.35,7").doesNotContain(",107");

        String bestRun = run.path("steps").get(4).path("outputs").path("best_run_id").path("value").asText();
        JsonNode inputs = http.get("/api/2.0/mlflow/runs/get?run_id=" + bestRun).json(200).at("/run/inputs/dataset_inputs");
        assertThat(inputs.findValuesAsText("name")).contains("driver_training");
    }
}
