package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment declaring online features, end to end over HTTP: the iris ONNX model deployed with the four iris
 * measurements of a materialized feature view, scored by flower id (V2 and {@code /invocations}) and compared with the
 * same model scored on the explicit measurements.
 */
class EnrichedDeploymentTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static final List<String> MEASUREMENTS = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
    /** Ten years: the 2024 rows are fresh, flower 8's 1990 row is stale. */
    private static final long TTL = 315_360_000L;
    private static List<float[]> flowers;
    private static TestHttp http;

    @BeforeAll
    static void materializeAndDeploy() throws Exception {
        http = server.http();
        Path resources = Path.of(EnrichedDeploymentTest.class.getResource("/serving/models/iris_logreg.onnx").toURI()).getParent();
        flowers = new ArrayList<>();
        StringBuilder csv = new StringBuilder("flower_id,event_timestamp,sepal_length,sepal_width,petal_length,petal_width\n");
        List<String> holdout = Files.readAllLines(resources.resolve("iris_holdout.csv"));
        for (int id = 1; id <= 6; id++) {
            String[] cells = holdout.get(id - 1).split(",");
            float[] measured = new float[4];
            for (int i = 0; i < 4; i++) {
                measured[i] = Float.parseFloat(cells[i]);
            }
            flowers.add(measured);
            csv.append(id).append(",2024-01-02T00:00:00Z,").append(String.join(",", List.of(cells).subList(0, 4))).append('\n');
        }
        // an older and a future row of flower 1 that materialization must not serve; flower 8 only older than the TTL
        csv.append("1,2024-01-01T00:00:00Z,5.0,3.5,1.4,0.2\n1,2999-01-01T00:00:00Z,5.0,3.5,1.4,0.2\n");
        csv.append("8,1990-01-01T00:00:00Z,5.0,3.4,1.5,0.2\n");
        Files.createDirectories(server.dataDir().resolve("features"));
        Files.writeString(server.dataDir().resolve("features/iris.csv"), csv.toString());

        List<Map<String, String>> features = MEASUREMENTS.stream().map(name -> Map.of("name", name, "dtype", "Float64")).toList();
        http.post("/api/v1/features/apply", Map.of(
                "entities", List.of(Map.of("name", "flower", "join_key", "flower_id")),
                "feature_views", List.of(Map.of("name", "iris_measurements", "entities", List.of("flower"),
                        "source", Map.of("path", "features/iris.csv"), "timestamp_field", "event_timestamp", "ttl", TTL,
                        "features", features)),
                "feature_services", List.of(Map.of("name", "iris_model", "features", List.of("iris_measurements")))))
                .json(200);
        http.post("/api/v1/feature-views/iris_measurements/materialize", Map.of()).json(200);

        new LoggedModels(server).registerModel("iris", resources.resolve("iris_logreg.onnx"));
        deploy("iris", Map.of("feature_service", "iris_model", "inputs", Map.of("input", MEASUREMENTS))).json(200);
    }

    private static TestHttp.Response deploy(String name, Map<String, Object> features) {
        return http.post("/api/v1/deployments", Map.of("name", name, "model_uri", "models:/iris/1", "features", features));
    }

    private static String byFlowerId(int... ids) {
        StringBuilder data = new StringBuilder();
        for (int id : ids) {
            data.append(data.length() == 0 ? "" : ",").append(id);
        }
        return "{\"inputs\": [{\"name\": \"flower_id\", \"shape\": [" + ids.length + "], \"datatype\": \"INT64\", \"data\": ["
                + data + "]}]}";
    }

    private static String explicit(List<float[]> rows) {
        StringBuilder data = new StringBuilder();
        for (float[] row : rows) {
            for (float value : row) {
                data.append(data.length() == 0 ? "" : ",").append(value);
            }
        }
        return "{\"inputs\": [{\"name\": \"input\", \"shape\": [" + rows.size() + ", 4], \"datatype\": \"FP32\", \"data\": ["
                + data + "]}]}";
    }

    @Test
    void a_v2_request_of_entity_keys_scores_as_the_explicit_feature_values() {
        JsonNode enriched = http.post("/v2/models/iris/infer", byFlowerId(1, 2, 3, 4, 5, 6)).json(200);
        JsonNode direct = http.post("/v2/models/iris/infer", explicit(flowers)).json(200);

        assertThat(enriched.path("outputs")).isEqualTo(direct.path("outputs"));
        assertThat(enriched.path("outputs").get(0).path("data")).hasSize(6);
        // flower 1 was scored on its latest measurements, not on its older or future row (those of a setosa)
        JsonNode older = http.post("/v2/models/iris/infer", explicit(List.<float[]>of(new float[] {5.0f, 3.5f, 1.4f, 0.2f})))
                .json(200);
        assertThat(older.path("outputs").get(0).path("data").get(0))
                .isNotEqualTo(enriched.path("outputs").get(0).path("data").get(0));
    }

    @Test
    void invocations_with_entity_key_records_score_as_the_explicit_feature_values() {
        JsonNode enriched = http.post("/api/v1/deployments/iris/invocations",
                "{\"dataframe_records\": [{\"flower_id\": 3}, {\"flower_id\": 1}]}").json(200);
        JsonNode direct = http.post("/api/v1/deployments/iris/invocations",
                "{\"inputs\": " + matrix(List.of(flowers.get(2), flowers.get(0))) + "}").json(200);

        assertThat(enriched.path("predictions")).hasSize(2).isEqualTo(direct.path("predictions"));
    }

    @Test
    void invocations_with_a_csv_of_entity_keys_score_as_the_explicit_feature_values() {
        JsonNode enriched = http.send("POST", "/api/v1/deployments/iris/invocations", "text/csv", "flower_id\n3\n1\n5\n").json(200);
        JsonNode direct = http.post("/api/v1/deployments/iris/invocations",
                "{\"inputs\": " + matrix(List.of(flowers.get(2), flowers.get(0), flowers.get(4))) + "}").json(200);

        assertThat(enriched.path("predictions")).hasSize(3).isEqualTo(direct.path("predictions"));
    }

    private static String matrix(List<float[]> rows) {
        List<String> lines = new ArrayList<>();
        for (float[] row : rows) {
            lines.add("[" + row[0] + "," + row[1] + "," + row[2] + "," + row[3] + "]");
        }
        return "[" + String.join(",", lines) + "]";
    }

    @Test
    void the_declaration_is_shown_and_unknown_features_are_refused() {
        JsonNode declared = http.get("/api/v1/deployments/iris").json(200).path("deployment").path("features");
        assertThat(declared.path("feature_service").asText()).isEqualTo("iris_model");
        assertThat(declared.path("inputs").path("input")).hasSize(4);

        TestHttp.Response unknownView = deploy("bad1", Map.of("features", List.of("no_such_view:sepal_length")));
        assertThat(unknownView.status()).as(unknownView.body()).isEqualTo(400);
        assertThat(unknownView.body()).contains("no_such_view");
        TestHttp.Response unknownFeature = deploy("bad2", Map.of("features", List.of("iris_measurements:stem_length")));
        assertThat(unknownFeature.status()).isEqualTo(400);
        assertThat(unknownFeature.body()).contains("stem_length");
        TestHttp.Response unknownService = deploy("bad3", Map.of("feature_service", "no_such_service"));
        assertThat(unknownService.status()).isEqualTo(400);
        TestHttp.Response unmappedInput = deploy("bad4", Map.of("feature_service", "iris_model",
                "inputs", Map.of("input", List.of("sepal_length", "leaf_count"))));
        assertThat(unmappedInput.status()).isEqualTo(400);
        assertThat(unmappedInput.body()).contains("leaf_count");
        assertThat(http.get("/api/v1/deployments/bad1").status()).isEqualTo(404);
    }

    @Test
    void missing_and_stale_values_are_refused_unless_a_default_is_declared() {
        TestHttp.Response unknown = http.post("/v2/models/iris/infer", byFlowerId(2, 99));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("NOT_FOUND").contains("entity row 1");
        TestHttp.Response stale = http.post("/v2/models/iris/infer", byFlowerId(8));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.body()).contains("OUTSIDE_MAX_AGE");

        Map<String, Object> features = new LinkedHashMap<>();
        features.put("features", MEASUREMENTS.stream().map(name -> "iris_measurements:" + name).toList());
        features.put("defaults", Map.of("sepal_length", 5.0, "sepal_width", 3.4, "petal_length", 1.5, "petal_width", 0.2));
        deploy("iris_defaults", features).json(200);
        JsonNode filled = http.post("/v2/models/iris_defaults/infer", byFlowerId(99, 8)).json(200);
        JsonNode direct = http.post("/v2/models/iris_defaults/infer",
                explicit(List.of(new float[] {5.0f, 3.4f, 1.5f, 0.2f}, new float[] {5.0f, 3.4f, 1.5f, 0.2f}))).json(200);
        assertThat(filled.path("outputs")).isEqualTo(direct.path("outputs"));
    }

    @Test
    void removing_the_declaration_by_patch_scores_only_explicit_inputs_again() {
        deploy("iris_plain", Map.of("feature_service", "iris_model")).json(200);
        assertThat(http.post("/v2/models/iris_plain/infer", byFlowerId(4)).status()).isEqualTo(200);

        http.send("PATCH", "/api/v1/deployments/iris_plain", "application/json", "{\"features\": null}").json(200);

        assertThat(http.get("/api/v1/deployments/iris_plain").json(200).path("deployment").has("features")).isFalse();
        TestHttp.Response refused = http.post("/v2/models/iris_plain/infer", byFlowerId(4));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Missing input 'input'");
    }
}
