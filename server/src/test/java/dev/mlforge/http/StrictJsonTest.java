package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request bodies are read strictly, as MLflow's proto parsing reads them: a body that is not exactly one JSON object,
 * an integer outside int64 or an object where a string belongs answers INVALID_PARAMETER_VALUE, and nothing is stored
 * in another form than was sent. Parse errors name the line and column, not the parser's internals.
 */
class StrictJsonTest {
    private static final String API = "/api/2.0/mlflow/";

    @RegisterExtension
    final ApplicationExtension app = ApplicationExtension.sqlite();

    private RawHttp.Response post(String path, String body) throws Exception {
        return RawHttp.send(app.port(), "POST", path, "localhost", body, "Content-Type: application/json");
    }

    private RawHttp.Response get(String path) throws Exception {
        return RawHttp.get(app.port(), path, "localhost");
    }

    private static void assertInvalid(RawHttp.Response response, String what) throws Exception {
        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(400);
        assertThat(response.json().path("error_code").asText()).as(what).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void two_json_documents_in_one_body_are_refused_and_the_first_is_not_acted_on() throws Exception {
        RawHttp.Response response = post(API + "experiments/create", "{\"name\": \"first\"} {\"name\": \"second\"}");

        assertInvalid(response, "two documents");
        assertThat(get(API + "experiments/get-by-name?experiment_name=first").status()).isEqualTo(404);
        assertInvalid(post("/api/v1/monitors", "{} {}"), "monitors");
        assertInvalid(post("/api/v1/alert-rules", "{}\n{}"), "alert rules");
        assertInvalid(post(API + "runs/log-batch", "{\"run_id\": \"r\", \"metrics\": []} {}"), "log-batch");
    }

    @Test
    void trailing_garbage_after_the_object_is_refused_on_mlflow_and_platform_routes() throws Exception {
        assertInvalid(post(API + "experiments/create", "{\"name\": \"x\"}garbage"), "mlflow route");
        assertInvalid(post("/api/v1/deployments", "{\"name\": \"d\", \"model_uri\": \"models:/m/1\"} ]"), "deployments");
        assertThat(get(API + "experiments/get-by-name?experiment_name=x").status()).isEqualTo(404);
    }

    @Test
    void a_json_null_body_answers_400_not_a_server_error() throws Exception {
        for (String path : List.of("/api/v1/monitors", "/api/v1/alert-rules", "/api/v1/deployments", "/api/v1/pipelines/runs",
                API + "experiments/create", API + "registered-models/create")) {
            assertInvalid(post(path, "null"), path);
        }
        assertInvalid(post("/api/v1/monitors", "[]"), "a list");
        assertInvalid(post("/api/v1/alert-rules", "42"), "a number");
    }

    @Test
    void an_empty_body_on_create_routes_answers_400() throws Exception {
        for (String path : List.of("/api/v1/monitors", "/api/v1/alert-rules", "/api/v1/deployments", "/api/v1/pipelines/runs",
                API + "experiments/create", API + "registered-models/create")) {
            RawHttp.Response response = post(path, "");
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
        }
    }

    @Test
    void a_timestamp_beyond_int64_is_refused_not_stored_as_another_number() throws Exception {
        String runId = createRun();

        assertInvalid(post(API + "runs/log-metric", "{\"run_id\": \"" + runId
                + "\", \"key\": \"m\", \"value\": 1, \"timestamp\": 99999999999999999999999}"), "log-metric");
        assertInvalid(post(API + "runs/log-batch", "{\"run_id\": \"" + runId
                + "\", \"metrics\": [{\"key\": \"m\", \"value\": 1, \"timestamp\": 99999999999999999999999}]}"), "log-batch");
        assertThat(get(API + "metrics/get-history?run_id=" + runId + "&metric_key=m").json().path("metrics")).isEmpty();
    }

    @Test
    void a_step_below_int64_is_refused_not_stored_as_long_max() throws Exception {
        String runId = createRun();

        RawHttp.Response response = post(API + "runs/log-metric", "{\"run_id\": \"" + runId
                + "\", \"key\": \"m\", \"value\": 1, \"timestamp\": 1, \"step\": -9223372036854775809}");

        assertInvalid(response, "step");
        assertThat(response.json().path("message").asText()).contains("step");
        assertThat(get(API + "metrics/get-history?run_id=" + runId + "&metric_key=m").json().path("metrics")).isEmpty();
    }

    @Test
    void the_int64_limits_themselves_are_stored_exactly() throws Exception {
        String runId = createRun();

        assertThat(post(API + "runs/log-metric", "{\"run_id\": \"" + runId
                + "\", \"key\": \"m\", \"value\": 1, \"timestamp\": 9223372036854775807, \"step\": -9223372036854775808}")
                .status()).isEqualTo(200);
        JsonNode metric = get(API + "metrics/get-history?run_id=" + runId + "&metric_key=m").json().path("metrics").get(0);
        assertThat(metric.path("timestamp").asText()).isEqualTo("9223372036854775807");
        assertThat(metric.path("step").asText()).isEqualTo("-9223372036854775808");
    }

    @Test
    void an_object_where_a_name_belongs_creates_nothing() throws Exception {
        RawHttp.Response model = post(API + "registered-models/create", "{\"name\": {\"a\": 1}}");
        RawHttp.Response experiment = post(API + "experiments/create", "{\"name\": {\"a\": 1}}");
        RawHttp.Response list = post(API + "experiments/create", "{\"name\": [\"a\"]}");

        assertInvalid(model, "registered model");
        assertInvalid(experiment, "experiment");
        assertInvalid(list, "list name");
        assertThat(model.json().path("message").asText()).contains("'name'").contains("expected a string");
        assertThat(get(API + "registered-models/search").json().path("registered_models")).isEmpty();
        assertThat(get(API + "experiments/get-by-name?experiment_name=%7B%22a%22%3A1%7D").status()).isEqualTo(404);
    }

    @Test
    void parse_errors_name_the_line_and_column_without_jacksons_internals() throws Exception {
        for (String path : List.of(API + "experiments/create", "/api/v1/monitors", "/api/v1/alert-rules", "/api/v1/deployments")) {
            RawHttp.Response response = post(path, "{\"name\":\n  \"x\",, }");
            assertInvalid(response, path);
            String message = response.json().path("message").asText();
            assertThat(message).as(path).contains("line 2").doesNotContain("Source").doesNotContain("REDACTED")
                    .doesNotContain("com.fasterxml").doesNotContain("jackson");
        }
        String truncated = post(API + "experiments/create", "{\"name\": \"x\"").json().path("message").asText();
        assertThat(truncated).contains("end-of-input").doesNotContain("Source").doesNotContain("REDACTED");
    }

    private String createRun() throws Exception {
        String experimentId = post(API + "experiments/create", "{\"name\": \"e\"}").json().path("experiment_id").asText();
        return post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").json().path("run").path("info")
                .path("run_id").asText();
    }
}
