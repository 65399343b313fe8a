package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MLflow routes bind their request to an api-model record ({@link MlflowRequest#read}): the record's names and
 * aliases are what the server reads, with MLflowRequest's leniency and refusals applied to nested messages too.
 */
class RequestRecordsTest {
    private static final String API = "/api/2.0/mlflow/";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    private String newRun() {
        String experimentId = server.http().post(API + "experiments/create", Map.of("name", "binding")).ok()
                .json().get("experiment_id").asText();
        return server.http().post(API + "runs/create", Map.of("experiment_id", experimentId)).ok()
                .json().at("/run/info/run_id").asText();
    }

    @Test
    void the_older_run_uuid_is_read_when_run_id_is_absent_or_empty() {
        String runId = newRun();

        server.http().post(API + "runs/log-metric", Map.of("run_uuid", runId, "key", "loss", "value", 0.5,
                "timestamp", 1)).ok();
        server.http().post(API + "runs/log-parameter", Map.of("run_id", "", "run_uuid", runId, "key", "lr",
                "value", "0.1")).ok();

        assertThat(server.http().get(API + "runs/get?run_uuid=" + runId).ok().json().at("/run/data/metrics/0/key").asText())
                .isEqualTo("loss");
        assertThat(server.http().get(API + "runs/get?run_id=" + runId).ok().json().at("/run/data/params/0/value").asText())
                .isEqualTo("0.1");
    }

    @Test
    void camel_case_names_and_int64_strings_bind_to_the_record() {
        String runId = newRun();

        server.http().post(API + "runs/log-metric", Map.of("runId", runId, "key", "acc", "value", "NaN",
                "timestamp", "1700000000000", "step", "9223372036854775807")).ok();

        var metric = server.http().get(API + "metrics/get-history?run_id=" + runId + "&metric_key=acc").ok()
                .json().at("/metrics/0");
        assertThat(metric.get("value").asText()).isEqualTo("NaN");
        assertThat(metric.get("timestamp").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(metric.get("step").asLong()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a_registered_model_tag_whose_value_is_an_object_is_refused_and_nothing_is_created() {
        TestHttp.Response response = server.http().post(API + "registered-models/create", Map.of("name", "fraud",
                "tags", List.of(Map.of("key", "team", "value", Map.of("a", 1)))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(response.json().get("message").asText())
                .isEqualTo("Invalid value {\"a\":1} for parameter 'value' supplied: expected a string");
        assertThat(server.http().get(API + "registered-models/get?name=fraud").status()).isEqualTo(404);
    }

    @Test
    void a_dataset_input_that_is_not_an_object_is_refused_with_mlflows_message() {
        String runId = newRun();

        TestHttp.Response response = server.http().post(API + "runs/log-inputs", Map.of("run_id", runId,
                "datasets", List.of(Map.of("dataset", "not an object"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).isEqualTo("Invalid value \"not an object\" supplied: expected a JSON object");
    }

    @Test
    void a_missing_required_field_of_a_v1_transition_request_gives_mlflows_message() {
        TestHttp.Response response = server.http().post("/api/v1/registry/transition-requests", Map.of("name", "fraud"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).isEqualTo(
                "Missing value for required parameter 'version'. See the API docs for more information about request parameters.");
    }
}
