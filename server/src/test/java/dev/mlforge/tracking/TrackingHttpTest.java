package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tracking endpoints over loopback HTTP, checked against golden MLflow wire-format files. */
class TrackingHttpTest {
    private static final String API = "/api/2.0/mlflow/";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();
    static TestHttp http;

    @BeforeAll
    static void start() {
        http = server.http();
    }

    private static String newExperiment() {
        return http.post(API + "experiments/create", "{\"name\": \"http-" + UUID.randomUUID() + "\"}").ok().json()
                .get("experiment_id").asText();
    }

    private static String newRun(String experimentId) {
        return http.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").ok().json()
                .at("/run/info/run_id").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The run of the golden files: params, tags, metrics (one NaN), a dataset input, finished. */
    private static String goldenRun(String experimentId) {
        JsonNode created = http.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\", "
                + "\"user_id\": \"alice\", \"run_name\": \"golden-run\", \"start_time\": \"1700000000000\"}").ok().json();
        String runId = created.at("/run/info/run_id").asText();
        http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", "
                + "\"metrics\": [{\"key\": \"loss\", \"value\": \"NaN\", \"timestamp\": 1700000001000, \"step\": 1},"
                + " {\"key\": \"acc\", \"value\": 0.5, \"timestamp\": \"1700000001000\", \"step\": \"1\"},"
                + " {\"key\": \"acc\", \"value\": 0.75, \"timestamp\": 1700000002000, \"step\": 2}],"
                + " \"params\": [{\"key\": \"lr\", \"value\": \"0.01\"}],"
                + " \"tags\": [{\"key\": \"stage\", \"value\": \"dev\"}]}").ok().json();
        http.post(API + "runs/log-inputs", "{\"run_id\": \"" + runId + "\", \"datasets\": [{\"tags\": [{\"key\": "
                + "\"mlflow.data.context\", \"value\": \"training\"}], \"dataset\": {\"name\": \"iris\", \"digest\": \"abc\", "
                + "\"source_type\": \"local\", \"source\": \"{\\\"uri\\\": \\\"iris.csv\\\"}\"}}]}").ok().json();
        http.post(API + "runs/update", "{\"run_id\": \"" + runId + "\", \"status\": \"FINISHED\", \"end_time\": 1700000009000}").ok().json();
        return runId;
    }

    @Test
    void experiment_create_and_get_match_the_wire_format() {
        TestHttp.Response created = http.post(API + "experiments/create",
                "{\"name\": \"golden\", \"tags\": [{\"key\": \"team\", \"value\": \"ml\"}]}");
        GoldenJson.assertMatches("tracking/create_experiment.json", created.body());
        String id = created.json().get("experiment_id").asText();
        GoldenJson.assertMatches("tracking/get_experiment.json", http.get(API + "experiments/get?experiment_id=" + id).body());
        GoldenJson.assertMatches("tracking/get_experiment.json",
                http.get(API + "experiments/get-by-name?experiment_name=golden").body());
    }

    @Test
    void run_create_get_update_and_search_match_the_wire_format() {
        String experimentId = newExperiment();
        GoldenJson.assertMatches("tracking/create_run.json", http.post(API + "runs/create", "{\"experiment_id\": \""
                + experimentId + "\", \"user_id\": \"alice\", \"run_name\": \"golden-run\", \"start_time\": 1700000000000}").body());
        String runId = goldenRun(experimentId);
        GoldenJson.assertMatches("tracking/get_run.json", http.get(API + "runs/get?run_id=" + runId).body());
        GoldenJson.assertMatches("tracking/update_run.json", http.post(API + "runs/update",
                "{\"run_id\": \"" + runId + "\", \"status\": \"FINISHED\", \"end_time\": 1700000009000}").body());
        GoldenJson.assertMatches("tracking/search_runs.json", http.post(API + "runs/search", "{\"experiment_ids\": [\""
                + experimentId + "\"], \"filter\": \"params.lr = '0.01' and metrics.acc >= 0.75\"}").body());
        GoldenJson.assertMatches("tracking/get_metric_history.json", http.get(API + "metrics/get-history?run_id=" + runId
                + "&metric_key=acc&max_results=1").body());
    }

    @Test
    void empty_responses_and_errors_match_the_wire_format() {
        String runId = newRun(newExperiment());
        GoldenJson.assertMatches("tracking/empty.json", http.post(API + "runs/set-tag",
                "{\"run_id\": \"" + runId + "\", \"key\": \"k\", \"value\": \"v\"}").body());
        TestHttp.Response missing = http.post(API + "runs/log-metric", "{\"key\": \"m\", \"value\": 1, \"timestamp\": 1}");
        assertThat(missing.status()).isEqualTo(400);
        GoldenJson.assertMatches("tracking/error_missing_run_id.json", missing.body());
        TestHttp.Response notFound = http.get(API + "runs/get?run_id=0123456789abcdef0123456789abcdef");
        assertThat(notFound.status()).isEqualTo(404);
        GoldenJson.assertMatches("tracking/error_run_not_found.json", notFound.body());
    }

    @Test
    void ajax_api_prefix_serves_the_same_endpoints() {
        String experimentId = newExperiment();
        JsonNode experiment = http.post("/ajax-api/2.0/mlflow/experiments/search", "{\"filter\": \"name LIKE 'http-%'\"}").ok().json();
        assertThat(experiment.get("experiments").findValuesAsText("experiment_id")).contains(experimentId);
        assertThat(http.get("/ajax-api/2.0/mlflow/experiments/get?experiment_id=" + experimentId).status()).isEqualTo(200);
    }

    @Test
    void experiments_search_works_with_get_and_query_parameters() {
        String experimentId = newExperiment();
        TestHttp.Response response = http.get(API + "experiments/search?max_results=50000&view_type=ALL&filter="
                + encode("attributes.name != 'nothing'") + "&order_by=" + encode("creation_time DESC"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("experiments").findValuesAsText("experiment_id")).contains(experimentId, "0");
    }

    @Test
    void page_sizes_over_the_maximum_are_rejected() {
        TestHttp.Response runs = http.post(API + "runs/search", "{\"experiment_ids\": [\"0\"], \"max_results\": 50001}");
        assertThat(runs.status()).isEqualTo(400);
        assertThat(runs.json().get("message").asText()).contains("It must be at most 50000");
        assertThat(http.get(API + "experiments/search?max_results=50001").status()).isEqualTo(400);
    }

    @Test
    void log_batch_limits_are_enforced() {
        String runId = newRun(newExperiment());
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            metrics.append(i == 0 ? "" : ",").append("{\"key\": \"m\", \"value\": ").append(i).append(", \"timestamp\": ")
                    .append(i).append('}');
        }
        TestHttp.Response tooMany = http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                + metrics + "]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("message").asText()).contains("at most 1000 metrics");
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            params.append(i == 0 ? "" : ",").append("{\"key\": \"p").append(i).append("\", \"value\": \"v\"}");
        }
        TestHttp.Response tooManyParams = http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId
                + "\", \"params\": [" + params + "]}");
        assertThat(tooManyParams.status()).isEqualTo(400);
        assertThat(tooManyParams.json().get("message").asText()).contains("at most 100 params");
        String big = "x".repeat(1_100_000);
        TestHttp.Response tooLarge = http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId
                + "\", \"tags\": [{\"key\": \"t\", \"value\": \"" + big + "\"}]}");
        assertThat(tooLarge.status()).isEqualTo(400);
    }

    @Test
    void invalid_metric_names_are_rejected() {
        String runId = newRun(newExperiment());
        TestHttp.Response response = http.post(API + "runs/log-metric", "{\"run_id\": \"" + runId
                + "\", \"key\": \"../etc\", \"value\": 1, \"timestamp\": 1}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).contains("Invalid metric name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc", "/etc/passwd", "s3://bucket/x", "mlflow-artifacts:/../x",
            "mlflow-artifacts:/a/../../b", "mlflow-artifacts:/a%2F..%2Fb", "mlflow-artifacts://host/x",
            "mlflow-artifacts:/a\\\\b", "http://evil/x"})
    void unsafe_artifact_locations_are_refused(String location) {
        TestHttp.Response response = http.post(API + "experiments/create", "{\"name\": \"loc-" + UUID.randomUUID()
                + "\", \"artifact_location\": \"" + location + "\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void a_safe_custom_artifact_location_is_used_for_runs() {
        String experimentId = http.post(API + "experiments/create", "{\"name\": \"loc-" + UUID.randomUUID()
                + "\", \"artifact_location\": \"mlflow-artifacts:/team/a\"}").ok().json().get("experiment_id").asText();
        JsonNode run = http.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").ok().json();
        String runId = run.at("/run/info/run_id").asText();
        assertThat(run.at("/run/info/artifact_uri").asText()).isEqualTo("mlflow-artifacts:/team/a/" + runId + "/artifacts");
        assertThat(server.application().tracking().runArtifactUri(runId)).isEqualTo("mlflow-artifacts:/team/a/" + runId + "/artifacts");
    }

    @Test
    void log_model_appends_to_the_history_tag() {
        String runId = newRun(newExperiment());
        http.post(API + "runs/log-model", "{\"run_id\": \"" + runId + "\", \"model_json\": \"{\\\"artifact_path\\\": \\\"m1\\\"}\"}").ok().json();
        http.post(API + "runs/log-model", "{\"run_id\": \"" + runId + "\", \"model_json\": \"{\\\"artifact_path\\\": \\\"m2\\\"}\"}").ok().json();
        JsonNode tags = http.get(API + "runs/get?run_id=" + runId).json().at("/run/data/tags");
        String history = null;
        for (JsonNode tag : tags) {
            if (tag.get("key").asText().equals("mlflow.log-model.history")) {
                history = tag.get("value").asText();
            }
        }
        assertThat(history).isEqualTo("[{\"artifact_path\":\"m1\"},{\"artifact_path\":\"m2\"}]");
        TestHttp.Response malformed = http.post(API + "runs/log-model", "{\"run_id\": \"" + runId
                + "\", \"model_json\": \"not json\"}");
        assertThat(malformed.status()).isEqualTo(400);
    }

    @Test
    void metric_history_bulk_interval_returns_each_runs_points() {
        String experimentId = newExperiment();
        String first = newRun(experimentId);
        String second = newRun(experimentId);
        for (String runId : new String[] {first, second}) {
            http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                    + "{\"key\": \"m\", \"value\": 1, \"timestamp\": 1, \"step\": 0},"
                    + "{\"key\": \"m\", \"value\": 2, \"timestamp\": 2, \"step\": 5},"
                    + "{\"key\": \"m\", \"value\": 3, \"timestamp\": 3, \"step\": 10}]}").ok().json();
        }
        JsonNode all = http.get(API + "metrics/get-history-bulk-interval?run_ids=" + first + "&run_ids=" + second
                + "&metric_key=m").json().get("metrics");
        assertThat(all).hasSize(6);
        assertThat(all.get(0).get("run_id").asText()).isEqualTo(first);
        JsonNode window = http.get(API + "metrics/get-history-bulk-interval?run_ids=" + first
                + "&metric_key=m&start_step=1&end_step=10").json().get("metrics");
        assertThat(window.findValuesAsText("step")).containsExactly("5", "10");
        assertThat(http.get(API + "metrics/get-history-bulk-interval?run_ids=" + first
                + "&metric_key=m&start_step=1").status()).isEqualTo(400);
    }

    @Test
    void duplicate_experiment_name_gives_400_resource_already_exists() {
        String name = "dup-" + UUID.randomUUID();
        http.post(API + "experiments/create", "{\"name\": \"" + name + "\"}").ok().json();
        TestHttp.Response again = http.post(API + "experiments/create", "{\"name\": \"" + name + "\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("error_code").asText()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void non_json_content_type_is_rejected() {
        TestHttp.Response response = http.send("POST", API + "experiments/create", "text/plain", "{\"name\": \"x\"}");
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void malformed_filter_gives_400_with_the_reason() {
        TestHttp.Response response = http.post(API + "runs/search",
                "{\"experiment_ids\": [\"0\"], \"filter\": \"metrics.a > 1 OR metrics.b < 2\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).contains("OR, which is not supported");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "metrics": 5                                                  | Invalid value 5 for parameter 'metrics' supplied: expected a list
            "metrics": [7]                                                | Invalid value 7 supplied: expected a JSON object
            "metrics": [{"key": "a", "value": 1, "timestamp": 1}, {"key": "b", "timestamp": 1}] | Missing value for required parameter 'value'
            "metrics": [{"key": "a", "value": 1, "timestamp": "soon"}]     | Invalid value "soon" for parameter 'timestamp' supplied: expected an integer
            "metrics": [{"key": "a", "value": "high", "timestamp": 1}]     | for parameter 'value' supplied: expected a number
            "metrics": [{"value": 1, "timestamp": 1}]                     | Missing value for required parameter 'key'
            "metrics": [{"key": "../up", "value": 1, "timestamp": 1}]      | Invalid metric name: '../up'
            """)
    void a_bad_metric_anywhere_in_a_log_batch_fails_the_whole_batch_with_mlflows_message(String metrics, String message) {
        String runId = newRun(newExperiment());
        TestHttp.Response response = http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", " + metrics + "}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(response.json().get("message").asText()).contains(message);
        assertThat(http.get(API + "runs/get?run_id=" + runId).json().at("/run/data/metrics").size()).isZero();
    }

    @Test
    void log_batch_reads_camel_case_fields_skips_unknown_ones_and_rejects_truncated_json() {
        String runId = newRun(newExperiment());
        http.post(API + "runs/log-batch", "{\"runId\": \"" + runId + "\", \"metrics\": [{\"key\": \"a\", "
                + "\"extra\": {\"nested\": [1, {\"value\": 9}]}, \"value\": \"-Infinity\", \"timestamp\": \"5\", "
                + "\"step\": null}, {\"key\": \"b\", \"value\": 2.5e-3, \"timestamp\": 6, \"step\": 3}]}").ok().json();
        JsonNode metrics = http.get(API + "runs/get?run_id=" + runId).json().at("/run/data/metrics");
        assertThat(metrics.findValuesAsText("key")).containsExactly("a", "b");
        assertThat(metrics.get(0).get("value").asText()).isEqualTo("-Infinity");
        assertThat(metrics.get(0).get("step").asLong()).isZero();
        assertThat(metrics.get(1).get("value").asDouble()).isEqualTo(0.0025);
        assertThat(metrics.get(1).get("step").asLong()).isEqualTo(3);
        TestHttp.Response truncated = http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId
                + "\", \"metrics\": [{\"key\": \"c\", \"value\": 1, \"timestamp\": 1}, {\"key\": ");
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(http.get(API + "runs/get?run_id=" + runId).json().at("/run/data/metrics").size()).isEqualTo(2);
    }

    // log-batch reads each metric field from its token (strings and numbers without a tree node), and every other
    // token the way the bound wire record does: the values stored and the errors answered are MLflow's for each shape.

    @Test
    void every_scalar_shape_of_a_field_is_stored_as_sent() {
        String runId = newRun(newExperiment());
        http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                + "{\"key\": \"float\", \"value\": 0.125, \"timestamp\": 9223372036854775807, \"step\": -9223372036854775808},"
                + "{\"key\": 7, \"value\": 3, \"timestamp\": \"12\", \"step\": \"-4\"},"
                + "{\"key\": true, \"value\": \"1.5e3\", \"timestamp\": 2147483648, \"step\": null},"
                + "{\"key\": \"big\", \"value\": 99999999999999999999999, \"timestamp\": 1},"
                + "{\"key\": \"nan\", \"value\": \"NaN\", \"timestamp\": 1, \"step\": 2147483647}]}").ok();
        JsonNode metrics = http.get(API + "runs/get?run_id=" + runId).json().at("/run/data/metrics");
        assertThat(metrics.findValuesAsText("key")).containsExactlyInAnyOrder("float", "7", "true", "big", "nan");
        assertThat(metric(metrics, "float").get("value").asDouble()).isEqualTo(0.125);
        assertThat(metric(metrics, "float").get("timestamp").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(metric(metrics, "float").get("step").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(metric(metrics, "7").get("value").asDouble()).isEqualTo(3.0);
        assertThat(metric(metrics, "7").get("timestamp").asLong()).isEqualTo(12);
        assertThat(metric(metrics, "7").get("step").asLong()).isEqualTo(-4);
        assertThat(metric(metrics, "true").get("value").asDouble()).isEqualTo(1500.0);
        assertThat(metric(metrics, "true").get("timestamp").asLong()).isEqualTo(2147483648L);
        assertThat(metric(metrics, "true").get("step").asLong()).isZero();
        assertThat(metric(metrics, "big").get("value").asDouble()).isEqualTo(1e23);
        assertThat(metric(metrics, "nan").get("value").asText()).isEqualTo("NaN");
        assertThat(metric(metrics, "nan").get("step").asLong()).isEqualTo(Integer.MAX_VALUE);
    }

    private static JsonNode metric(JsonNode metrics, String key) {
        for (JsonNode metric : metrics) {
            if (metric.get("key").asText().equals(key)) {
                return metric;
            }
        }
        throw new AssertionError("no metric " + key + " in " + metrics);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"key": 1.5, "value": 1, "timestamp": 1}                          | Invalid value 1.5 for parameter 'key' supplied: expected a string
            {"key": ["a"], "value": 1, "timestamp": 1}                        | Invalid value ["a"] for parameter 'key' supplied: expected a string
            {"key": "a", "value": true, "timestamp": 1}                       | Invalid value true for parameter 'value' supplied: expected a number
            {"key": "a", "value": {"x": 1}, "timestamp": 1}                   | Invalid value {"x":1} for parameter 'value' supplied: expected a number
            {"key": "a", "value": 1, "timestamp": 1.5}                        | Invalid value 1.5 for parameter 'timestamp' supplied: expected an integer
            {"key": "a", "value": 1, "timestamp": 99999999999999999999999}    | Invalid value 99999999999999999999999 for parameter 'timestamp' supplied: out of the range of a 64-bit integer
            {"key": "a", "value": 1, "timestamp": 1, "step": -9223372036854775809} | Invalid value -9223372036854775809 for parameter 'step' supplied: out of the range of a 64-bit integer
            {"key": "a", "value": 1, "timestamp": "x1"}                       | Invalid value "x1" for parameter 'timestamp' supplied: expected an integer
            {"key": "a", "value": null, "timestamp": 1}                       | Missing value for required parameter 'value'
            {"key": "a/./b", "value": 1, "timestamp": 1}                      | Invalid metric name: 'a/./b'. Names may be treated as files
            {"key": "a//b", "value": 1, "timestamp": 1}                       | Invalid metric name: 'a//b'. Names may be treated as files
            {"key": "a/", "value": 1, "timestamp": 1}                         | Invalid metric name: 'a/'. Names may be treated as files
            {"key": "a/..", "value": 1, "timestamp": 1}                       | Invalid metric name: 'a/..'. Names may be treated as files
            {"key": "é", "value": 1, "timestamp": 1}                          | Invalid metric name: 'é'. Names may only contain
            {"key": "a\\nb", "value": 1, "timestamp": 1}                      | Names may only contain
            {"key": "tab\\t", "value": 1, "timestamp": 1}                     | Names may only contain
            """)
    void a_refused_field_answers_mlflows_message_and_stores_nothing(String metric, String message) {
        String runId = newRun(newExperiment());
        TestHttp.Response response = http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                + "{\"key\": \"fine\", \"value\": 1, \"timestamp\": 1}, " + metric + "]}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(response.json().get("message").asText()).contains(message);
        assertThat(http.get(API + "runs/get?run_id=" + runId).json().at("/run/data/metrics").size()).isZero();
    }

    @Test
    void names_with_every_allowed_character_and_dotted_segments_are_kept() {
        String runId = newRun(newExperiment());
        http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                + "{\"key\": \"a-Z_9/b.c d\", \"value\": 1, \"timestamp\": 1},"
                + "{\"key\": \".../..a/a..\", \"value\": 1, \"timestamp\": 1}]}").ok();
        assertThat(http.get(API + "runs/get?run_id=" + runId).json().at("/run/data/metrics").findValuesAsText("key"))
                .containsExactlyInAnyOrder("a-Z_9/b.c d", ".../..a/a..");
    }
}
