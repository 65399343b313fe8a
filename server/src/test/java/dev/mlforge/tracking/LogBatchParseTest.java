package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * log-batch reads each metric field from its token (strings and numbers without a tree node), and every other token
 * the way the bound wire record does: the values stored and the errors answered are MLflow's for each JSON shape.
 */
class LogBatchParseTest {
    private static final String API = "/api/2.0/mlflow/";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();
    static TestHttp http;

    @BeforeAll
    static void start() {
        http = server.http();
    }

    private static String newRun() {
        String experimentId = http.post(API + "experiments/create", "{\"name\": \"parse-" + UUID.randomUUID() + "\"}")
                .ok().json().get("experiment_id").asText();
        return http.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").ok().json()
                .at("/run/info/run_id").asText();
    }

    @Test
    void every_scalar_shape_of_a_field_is_stored_as_sent() {
        String runId = newRun();
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
        String runId = newRun();
        TestHttp.Response response = http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                + "{\"key\": \"fine\", \"value\": 1, \"timestamp\": 1}, " + metric + "]}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(response.json().get("message").asText()).contains(message);
        assertThat(http.get(API + "runs/get?run_id=" + runId).json().at("/run/data/metrics").size()).isZero();
    }

    @Test
    void names_with_every_allowed_character_and_dotted_segments_are_kept() {
        String runId = newRun();
        http.post(API + "runs/log-batch", "{\"run_id\": \"" + runId + "\", \"metrics\": ["
                + "{\"key\": \"a-Z_9/b.c d\", \"value\": 1, \"timestamp\": 1},"
                + "{\"key\": \".../..a/a..\", \"value\": 1, \"timestamp\": 1}]}").ok();
        assertThat(http.get(API + "runs/get?run_id=" + runId).json().at("/run/data/metrics").findValuesAsText("key"))
                .containsExactlyInAnyOrder("a-Z_9/b.c d", ".../..a/a..");
    }
}
