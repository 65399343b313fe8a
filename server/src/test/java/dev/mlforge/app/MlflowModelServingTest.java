package dev.mlforge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model logged the way MLflow's Python client logs it (an {@code MLmodel} directory uploaded through the artifact
 * proxy), registered through the MLflow registry API, deployed through the platform API, then every held-out row
 * scored through the Open Inference Protocol and MLflow's scoring protocol and compared with the labels
 * scikit-learn predicted. Only real parts: HTTP, SQLite, the registry, ONNX Runtime.
 */
class MlflowModelServingTest {
    private static final Path MODEL = Path.of("src/test/resources/serving/models/iris_mlflow");
    private static final Path HOLDOUT = Path.of("src/test/resources/serving/models/iris_holdout.csv");
    private static final String[] COLUMNS = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    private TestHttp http;

    @BeforeEach
    void start() {
        http = server.http();
    }

    private void upload(String artifactUri, String name, Path file) throws Exception {
        String path = artifactUri.substring("mlflow-artifacts:/".length()) + "/model/" + name;
        TestHttp.Response response = http.send("PUT", "/api/2.0/mlflow-artifacts/artifacts/" + path, null, Files.readAllBytes(file));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private record Row(double[] features, long label) {}

    private static List<Row> holdout() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(HOLDOUT)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            double[] features = new double[4];
            for (int i = 0; i < 4; i++) {
                features[i] = Double.parseDouble(fields[i]);
            }
            rows.add(new Row(features, Long.parseLong(fields[4].trim())));
        }
        return rows;
    }

    @Test
    void a_model_logged_like_mlflow_python_is_registered_deployed_and_scores_every_held_out_row() throws Exception {
        String runId = http.post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"0\"}").ok().json().at("/run/info/run_id").asText();
        String artifactUri = http.get("/api/2.0/mlflow/runs/get?run_id=" + runId).ok().json().at("/run/info/artifact_uri").asText();
        upload(artifactUri, "MLmodel", MODEL.resolve("MLmodel"));
        upload(artifactUri, "model.onnx", MODEL.resolve("model.onnx"));

        http.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"iris\"}").ok().json();
        JsonNode version = http.post("/api/2.0/mlflow/model-versions/create",
                "{\"name\": \"iris\", \"source\": \"runs:/" + runId + "/model\", \"run_id\": \"" + runId + "\"}").ok().json();
        assertThat(version.at("/model_version/status").asText()).isEqualTo("READY");
        http.post("/api/2.0/mlflow/registered-models/alias", "{\"name\": \"iris\", \"alias\": \"champion\", \"version\": \"1\"}").ok().json();

        http.post("/api/v1/deployments", "{\"name\": \"iris\", \"model_uri\": \"models:/iris@champion\"}").ok().json();
        assertThat(http.get("/v2/models/iris/ready").status()).isEqualTo(200);

        List<Row> rows = holdout();
        assertThat(rows).hasSizeGreaterThan(20);
        // The Open Inference Protocol addresses the ONNX graph's own tensor ("input", [n, 4]); the MLmodel's column
        // signature is what MLflow's scoring protocol below is matched against.
        StringBuilder body = new StringBuilder("{\"id\": \"holdout\", \"inputs\": [{\"name\": \"input\", "
                + "\"datatype\": \"FP32\", \"shape\": [" + rows.size() + ", 4], \"data\": [");
        for (int i = 0; i < rows.size(); i++) {
            for (int column = 0; column < COLUMNS.length; column++) {
                body.append(i == 0 && column == 0 ? "" : ",").append((float) rows.get(i).features()[column]);
            }
        }
        body.append("]}");
        JsonNode answer = http.post("/v2/models/iris/infer", body.append("]}").toString()).ok().json();
        assertThat(answer.get("id").asText()).isEqualTo("holdout");
        JsonNode labels = null;
        for (JsonNode output : answer.get("outputs")) {
            if (output.get("name").asText().equals("label")) {
                labels = output.get("data");
            }
        }
        assertThat(labels).as("the label output of %s", answer).isNotNull().hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(labels.get(i).asLong()).as("held-out row %d", i).isEqualTo(rows.get(i).label());
        }

        StringBuilder split = new StringBuilder("{\"dataframe_split\": {\"columns\": [\"sepal_length\", \"sepal_width\", "
                + "\"petal_length\", \"petal_width\"], \"data\": [");
        for (int i = 0; i < rows.size(); i++) {
            double[] f = rows.get(i).features();
            split.append(i == 0 ? "[" : ",[").append(f[0]).append(',').append(f[1]).append(',').append(f[2])
                    .append(',').append(f[3]).append(']');
        }
        JsonNode predictions = http.post("/api/v1/deployments/iris/invocations", split.append("]}}").toString()).ok().json()
                .get("predictions");
        for (int i = 0; i < rows.size(); i++) {
            assertThat(predictions.get(i).get("label").asLong()).as("held-out row %d", i).isEqualTo(rows.get(i).label());
        }

        JsonNode lineage = http.get("/api/v1/lineage?model=iris&version=1").ok().json();
        assertThat(lineage.toString()).contains(runId).contains("iris");
    }
}
