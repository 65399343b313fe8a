package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MLflow 3's logged-model wire over loopback HTTP: each request body is the one the MLflow 3.11 Python client sent
 * for {@code mlflow.sklearn.log_model(model, name="m")} inside a run and the calls after it, and each golden file is
 * MLflow 3.11's own server's answer to it (ids and times left open).
 */
class LoggedModelHttpTest {
    private static final String API = "/api/2.0/mlflow/";
    private static final String CLIENT_TAGS = "[{\"key\": \"mlflow.user\", \"value\": \"root\"}, "
            + "{\"key\": \"mlflow.source.name\", \"value\": \"flow.py\"}, {\"key\": \"mlflow.source.type\", \"value\": \"LOCAL\"}]";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();
    static TestHttp http;

    @BeforeAll
    static void start() {
        http = server.http();
    }

    private static String newExperiment() {
        return http.post(API + "experiments/create", "{\"name\": \"lm-" + UUID.randomUUID() + "\"}").ok().json()
                .get("experiment_id").asText();
    }

    private static String newRun(String experimentId) {
        return http.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\", \"user_id\": \"root\", "
                + "\"start_time\": 1796329681793, \"tags\": " + CLIENT_TAGS + "}").ok().json().at("/run/info/run_id").asText();
    }

    /** The client's create request of {@code log_model(name="m", params={"C": "1.0"})} in a run with param alpha. */
    private static JsonNode createModel(String experimentId, String runId) {
        return http.post(API + "logged-models", "{\"experiment_id\": \"" + experimentId + "\", \"name\": \"m\", "
                + "\"source_run_id\": \"" + runId + "\", \"params\": [{\"key\": \"C\", \"value\": \"1.0\"}, "
                + "{\"key\": \"alpha\", \"value\": \"0.5\"}], \"tags\": " + CLIENT_TAGS + "}").ok().json();
    }

    @Test
    void create_answers_a_pending_model_under_the_experiments_artifact_location() {
        String experimentId = newExperiment();
        String runId = newRun(experimentId);
        JsonNode created = createModel(experimentId, runId);

        GoldenJson.assertMatches("loggedmodels/create_logged_model.json", created.toString());
        String modelId = created.at("/model/info/model_id").asText();
        assertThat(modelId).matches("m-[0-9a-f]{32}");
        assertThat(created.at("/model/info/experiment_id").asText()).isEqualTo(experimentId);
        assertThat(created.at("/model/info/source_run_id").asText()).isEqualTo(runId);
        assertThat(created.at("/model/info/artifact_uri").asText())
                .isEqualTo("mlflow-artifacts:/" + experimentId + "/models/" + modelId + "/artifacts");
        assertThat(created.at("/model/info/creation_timestamp_ms").asLong())
                .isEqualTo(created.at("/model/info/last_updated_timestamp_ms").asLong());
        GoldenJson.assertMatches("loggedmodels/create_logged_model.json", http.get(API + "logged-models/" + modelId).ok().body());
    }

    @Test
    void the_sklearn_log_model_sequence_links_the_model_to_its_run_and_metrics() {
        String experimentId = newExperiment();
        String runId = newRun(experimentId);
        http.post(API + "runs/log-parameter", "{\"run_uuid\": \"" + runId + "\", \"key\": \"alpha\", \"value\": \"0.5\", "
                + "\"run_id\": \"" + runId + "\"}").ok();
        String modelId = createModel(experimentId, runId).at("/model/info/model_id").asText();
        http.post(API + "runs/outputs", "{\"run_id\": \"" + runId + "\", \"models\": [{\"model_id\": \"" + modelId
                + "\", \"step\": 0}]}").ok();
        JsonNode finalized = http.patch(API + "logged-models/" + modelId, "{\"model_id\": \"" + modelId
                + "\", \"status\": \"LOGGED_MODEL_READY\"}").ok().json();
        GoldenJson.assertMatches("loggedmodels/finalize_logged_model.json", finalized.toString());
        http.post(API + "runs/log-inputs", "{\"run_id\": \"" + runId + "\", \"models\": [{\"model_id\": \"" + modelId + "\"}]}").ok();
        http.post(API + "runs/log-metric", "{\"run_uuid\": \"" + runId + "\", \"key\": \"acc\", \"value\": 0.9, "
                + "\"timestamp\": 1796329693341, \"step\": 0, \"run_id\": \"" + runId + "\", \"model_id\": \"" + modelId + "\"}").ok();
        http.post(API + "runs/log-metric", "{\"run_uuid\": \"" + runId + "\", \"key\": \"acc2\", \"value\": 0.8, "
                + "\"timestamp\": 1796329693389, \"step\": 0, \"run_id\": \"" + runId + "\"}").ok();

        JsonNode run = http.get(API + "runs/get?run_uuid=" + runId + "&run_id=" + runId).ok().json();
        GoldenJson.assertMatches("loggedmodels/get_run_with_models.json", run.toString());
        assertThat(run.at("/run/inputs/model_inputs/0/model_id").asText()).isEqualTo(modelId);
        assertThat(run.at("/run/outputs/model_outputs/0/model_id").asText()).isEqualTo(modelId);

        JsonNode model = http.get(API + "logged-models/" + modelId).ok().json();
        GoldenJson.assertMatches("loggedmodels/get_logged_model_with_metric.json", model.toString());
        assertThat(model.at("/model/data/metrics/0/model_id").asText()).isEqualTo(modelId);
        assertThat(model.at("/model/data/metrics/0/run_id").asText()).isEqualTo(runId);

        JsonNode all = http.post(API + "logged-models/search", "{\"experiment_ids\": [\"" + experimentId + "\"]}").ok().json();
        GoldenJson.assertMatches("loggedmodels/search_logged_models.json", all.toString());
        GoldenJson.assertMatches("loggedmodels/search_logged_models.json", http.post(API + "logged-models/search",
                "{\"experiment_ids\": [\"" + experimentId + "\"], \"filter\": \"metrics.acc > 0.5\"}").ok().body());
        GoldenJson.assertMatches("loggedmodels/search_logged_models.json", http.post(API + "logged-models/search",
                "{\"experiment_ids\": [\"" + experimentId + "\"], \"filter\": \"name = 'm'\"}").ok().body());
        assertThat(http.post(API + "logged-models/search", "{\"experiment_ids\": [\"" + experimentId
                + "\"], \"filter\": \"metrics.acc > 0.95\"}").ok().json().size()).isZero();
    }

    @Test
    void a_new_runs_get_answers_empty_inputs_and_outputs_and_create_answers_no_outputs() {
        String experimentId = newExperiment();
        JsonNode created = http.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").ok().json();
        String runId = created.at("/run/info/run_id").asText();
        assertThat(created.get("run").has("outputs")).isFalse();
        JsonNode run = http.get(API + "runs/get?run_id=" + runId).ok().json().get("run");
        assertThat(run.get("inputs").size()).isZero();
        assertThat(run.get("outputs").size()).isZero();
    }

    @Test
    void model_files_uploaded_through_the_artifact_proxy_are_listed_under_the_model() {
        String experimentId = newExperiment();
        JsonNode model = createModel(experimentId, newRun(experimentId)).get("model");
        String modelId = model.at("/info/model_id").asText();
        String root = model.at("/info/artifact_uri").asText().substring("mlflow-artifacts:/".length());
        http.upload("/api/2.0/mlflow-artifacts/artifacts/" + root + "/MLmodel", "flavors: {}".getBytes(StandardCharsets.UTF_8)).ok();
        http.upload("/api/2.0/mlflow-artifacts/artifacts/" + root + "/model.pkl", "pkl!".getBytes(StandardCharsets.UTF_8)).ok();

        JsonNode listing = http.get(API + "logged-models/" + modelId + "/artifacts/directories").ok().json();
        GoldenJson.assertMatches("loggedmodels/list_logged_model_artifacts.json", listing.toString());
        assertThat(listing.get("root_uri").asText()).isEqualTo(model.at("/info/artifact_uri").asText());
        assertThat(http.get("/ajax-api/2.0/mlflow/logged-models/" + modelId + "/artifacts/files?artifact_file_path=model.pkl")
                .ok().body()).isEqualTo("pkl!");
        assertThat(http.get(API + "logged-models/" + modelId + "/artifacts/directories?artifact_directory_path=../../..")
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        for (String attack : List.of("../../../../etc/passwd", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd",
                "model.pkl%00.txt")) {
            TestHttp.Response refused = http.get("/ajax-api/2.0/mlflow/logged-models/" + modelId
                    + "/artifacts/files?artifact_file_path=" + attack);
            assertThat(refused.status()).as(attack).isBetween(400, 499);
            assertThat(refused.body()).as(attack).doesNotContain("root:").doesNotContain(server.dataDir().toString());
        }
    }

    @Test
    void tags_params_finalize_and_delete_follow_mlflow() {
        String experimentId = newExperiment();
        String modelId = http.post(API + "logged-models", "{\"experiment_id\": \"" + experimentId + "\"}").ok().json()
                .at("/model/info/model_id").asText();
        http.patch(API + "logged-models/" + modelId + "/tags", "{\"tags\": [{\"key\": \"k\", \"value\": \"v\"}]}").ok();
        http.post(API + "logged-models/" + modelId + "/params", "{\"model_id\": \"" + modelId
                + "\", \"params\": [{\"key\": \"p\", \"value\": \"1\"}]}").ok();
        JsonNode failed = http.patch(API + "logged-models/" + modelId, "{\"status\": \"LOGGED_MODEL_UPLOAD_FAILED\", "
                + "\"status_message\": \"upload broke\"}").ok().json().at("/model/info");
        assertThat(failed.get("status").asText()).isEqualTo("LOGGED_MODEL_UPLOAD_FAILED");
        assertThat(failed.get("status_message").asText()).isEqualTo("upload broke");
        assertThat(failed.get("name").asText()).isNotEmpty();
        assertThat(failed.at("/tags/0/key").asText()).isEqualTo("k");
        assertThat(http.get(API + "logged-models/" + modelId).ok().json().at("/model/data/params/0/value").asText()).isEqualTo("1");

        http.delete(API + "logged-models/" + modelId + "/tags/k").ok();
        assertThat(http.delete(API + "logged-models/" + modelId + "/tags/k").errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(http.get(API + "logged-models/" + modelId).ok().json().at("/model/info").has("tags")).isFalse();

        http.delete(API + "logged-models/" + modelId).ok();
        TestHttp.Response gone = http.get(API + "logged-models/" + modelId);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json(404).get("message").asText()).isEqualTo("Logged model with ID '" + modelId + "' not found.");
        assertThat(http.get(API + "logged-models/" + modelId + "?allow_deleted=true").ok().json().at("/model/info/model_id")
                .asText()).isEqualTo(modelId);
        assertThat(http.post(API + "logged-models/search", "{\"experiment_ids\": [\"" + experimentId + "\"]}").ok().json()
                .has("models")).isFalse();
    }

    @Test
    void create_refuses_what_mlflow_refuses() {
        assertThat(http.post(API + "logged-models", "{\"name\": \"m\"}").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(http.post(API + "logged-models", "{\"experiment_id\": \"" + newExperiment() + "\", \"name\": \"a/b\"}")
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(http.post(API + "logged-models", "{\"experiment_id\": \"987654\"}").errorCode())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(http.patch(API + "logged-models/m-00000000000000000000000000000000", "{\"status\": \"LOGGED_MODEL_READY\"}")
                .errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void log_batch_metrics_with_a_model_id_land_on_the_model_and_a_datasets_filter_without_digest_matches_no_digest() {
        String experimentId = newExperiment();
        String runId = newRun(experimentId);
        String first = http.post(API + "logged-models", "{\"experiment_id\": \"" + experimentId + "\", \"model_type\": \"Agent\", "
                + "\"name\": \"x\"}").ok().json().at("/model/info/model_id").asText();
        // the default order is newest first, then by id (random): the second model must be created a millisecond later
        long firstCreated = http.get(API + "logged-models/" + first).ok().json().at("/model/info/creation_timestamp_ms").asLong();
        while (System.currentTimeMillis() <= firstCreated) {
            Thread.onSpinWait();
        }
        String second = http.post(API + "logged-models", "{\"experiment_id\": \"" + experimentId + "\"}").ok().json()
                .at("/model/info/model_id").asText();
        // The request of MLflow 3.11's client; MLflow's own server answered {} and stored the values below.
        http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                + "{\"key\": \"acc\", \"value\": 0.7, \"timestamp\": 5, \"step\": 1, \"model_id\": \"" + first
                + "\", \"dataset_name\": \"ds\", \"dataset_digest\": \"dg\"},"
                + "{\"key\": \"acc\", \"value\": 0.3, \"timestamp\": 6, \"step\": 1, \"model_id\": \"" + second + "\"},"
                + "{\"key\": \"plain\", \"value\": 1, \"timestamp\": 5}]}").ok();

        JsonNode metric = http.get(API + "logged-models/" + first).ok().json().at("/model/data/metrics");
        assertThat(metric.size()).isEqualTo(1);
        assertThat(metric.get(0).toString()).isEqualTo("{\"key\":\"acc\",\"value\":0.7,\"timestamp\":5,\"step\":1,"
                + "\"dataset_name\":\"ds\",\"dataset_digest\":\"dg\",\"model_id\":\"" + first + "\",\"run_id\":\"" + runId + "\"}");
        assertThat(http.get(API + "runs/get?run_id=" + runId).ok().json().at("/run/data/metrics").size()).isEqualTo(2);

        String search = API + "logged-models/search";
        String experiments = "{\"experiment_ids\": [\"" + experimentId + "\"], ";
        assertThat(ids(http.post(search, experiments + "\"order_by\": [{\"field_name\": \"metrics.acc\", \"ascending\": true}]}")))
                .containsExactly(second, first);
        assertThat(http.post(search, experiments + "\"datasets\": [{\"dataset_name\": \"ds\"}]}").ok().json().size()).isZero();
        assertThat(ids(http.post(search, experiments + "\"datasets\": [{\"dataset_name\": \"ds\", \"dataset_digest\": \"dg\"}]}")))
                .containsExactly(first);
        JsonNode page = http.post(search, experiments + "\"max_results\": 1}").ok().json();
        assertThat(ids(http.post(search, experiments + "\"max_results\": 1, \"page_token\": \"" + page.get("next_page_token").asText()
                + "\"}"))).containsExactly(first);
        assertThat(http.post(search, experiments + "\"order_by\": [{\"field_name\": \"params.p\"}]}").json(400).get("message").asText())
                .isEqualTo("Invalid order by field name: params.p. Only metrics are supported.");
        assertThat(http.post(search, experiments + "\"datasets\": [{\"dataset_digest\": \"dg\"}]}").json(400).get("message").asText())
                .isEqualTo("`dataset_name` in the `datasets` clause must be specified.");
    }

    @Test
    void runs_search_answers_each_runs_model_outputs_and_an_empty_model_listing_has_no_files() {
        String experimentId = newExperiment();
        String runId = newRun(experimentId);
        JsonNode model = http.post(API + "logged-models", "{\"experiment_id\": \"" + experimentId + "\"}").ok().json();
        String modelId = model.at("/model/info/model_id").asText();
        assertThat(model.at("/model/info/source_run_id").asText()).isEmpty();
        http.post(API + "runs/outputs", "{\"run_id\": \"" + runId + "\", \"models\": [{\"model_id\": \"" + modelId + "\", \"step\": 2}]}").ok();
        JsonNode run = http.post(API + "runs/search", "{\"experiment_ids\": [\"" + experimentId + "\"]}").ok().json().at("/runs/0");
        assertThat(run.get("outputs").toString()).isEqualTo("{\"model_outputs\":[{\"model_id\":\"" + modelId + "\",\"step\":2}]}");
        assertThat(run.get("inputs").toString()).isEqualTo("{}");
        JsonNode listing = http.get(API + "logged-models/" + modelId + "/artifacts/directories").ok().json();
        assertThat(listing.toString()).isEqualTo("{\"root_uri\":\"" + model.at("/model/info/artifact_uri").asText() + "\"}");
    }

    private static java.util.List<String> ids(TestHttp.Response response) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        response.ok().json().path("models").forEach(model -> ids.add(model.at("/info/model_id").asText()));
        return ids;
    }
}
