package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * log-batch is answered ahead of Javalin's router (the lean data plane) for a plain client, and by the router for a
 * request the lean path leaves to it ({@code Accept-Encoding: br}): both store the same values and answer every
 * MLflow validation case with the same status and body.
 */
class LogBatchLeanPathTest {
    private static final String API = "/api/2.0/mlflow/";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();
    static TestHttp http;
    static String experimentId;

    @BeforeAll
    static void start() {
        http = server.http();
        experimentId = http.post(API + "experiments/create", "{\"name\": \"lean-" + UUID.randomUUID() + "\"}").ok().json()
                .path("experiment_id").asText();
    }

    private static String newRun() {
        return http.post(API + "runs/create", "{\"experiment_id\": \"" + experimentId + "\"}").ok().json()
                .path("run").path("info").path("run_id").asText();
    }

    private static TestHttp.Response logBatch(String path, boolean viaRouter, String body) {
        return viaRouter ? http.send("POST", path, "application/json", body, "Accept-Encoding", "br")
                : http.send("POST", path, "application/json", body);
    }

    @Test
    void both_paths_store_the_same_values_on_both_prefixes() {
        String batch = "{\"run_id\": \"%s\", \"metrics\": [{\"key\": \"loss\", \"value\": 0.25, \"timestamp\": 9223372036854775807,"
                + " \"step\": -9223372036854775808}, {\"key\": \"acc\", \"value\": \"NaN\", \"timestamp\": \"12\"}],"
                + " \"params\": [{\"key\": \"lr\", \"value\": \"\"}], \"tags\": [{\"key\": \"t\", \"value\": \"v\"}]}";
        List<JsonNode> stored = new java.util.ArrayList<>();
        for (String prefix : List.of(API, "/ajax-api/2.0/mlflow/")) {
            for (boolean viaRouter : List.of(false, true)) {
                String run = newRun();
                TestHttp.Response answer = logBatch(prefix + "runs/log-batch", viaRouter, batch.formatted(run));
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("{}");
                assertThat(answer.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                JsonNode data = ((com.fasterxml.jackson.databind.node.ObjectNode) http.get(API + "runs/get?run_id=" + run)
                        .json(200).at("/run/data")).deepCopy();
                // each run has its own generated name; every other value must be the same
                com.fasterxml.jackson.databind.node.ArrayNode tags = (com.fasterxml.jackson.databind.node.ArrayNode) data.path("tags");
                for (int i = tags.size() - 1; i >= 0; i--) {
                    if (tags.get(i).path("key").asText().equals("mlflow.runName")) {
                        tags.remove(i);
                    }
                }
                stored.add(data);
            }
        }
        assertThat(stored.get(0).path("metrics")).hasSize(2);
        assertThat(stored.get(0).at("/params/0/key").asText()).isEqualTo("lr");
        assertThat(stored.get(0).at("/tags/0/value").asText()).isEqualTo("v");
        assertThat(stored.get(0).toString()).contains("9223372036854775807", "-9223372036854775808", "NaN");
        assertThat(stored).allSatisfy(data -> assertThat(data).isEqualTo(stored.get(0)));
    }

    @Test
    void every_refusal_is_the_same_on_both_paths() {
        String run = newRun();
        List<String> bodies = List.of(
                "",
                "null",
                "[]",
                "{\"run_id\": \"" + run + "\"} {}",
                "{\"run_id\": \"" + run + "\", \"metrics\": {\"key\": \"a\"}}",
                "{\"metrics\": [{\"key\": \"a\", \"value\": 1, \"timestamp\": 1}]}",
                "{\"run_id\": \"no-such-run\", \"metrics\": [{\"key\": \"a\", \"value\": 1, \"timestamp\": 1}]}",
                "{\"run_id\": \"" + run + "\", \"metrics\": [{\"key\": \"a\", \"value\": 1, \"timestamp\": 99999999999999999999999}]}",
                "{\"run_id\": \"" + run + "\", \"metrics\": [{\"key\": \"a\", \"value\": 1, \"timestamp\": 1, \"step\": -9223372036854775809}]}",
                "{\"run_id\": \"" + run + "\", \"metrics\": [{\"key\": \"a\", \"value\": true, \"timestamp\": 1}]}",
                "{\"run_id\": \"" + run + "\", \"metrics\": [{\"key\": \"a/..\", \"value\": 1, \"timestamp\": 1}]}",
                "{\"run_id\": \"" + run + "\", \"metrics\": [{\"value\": 1, \"timestamp\": 1}]}",
                "{\"run_id\": \"" + run + "\", \"metrics\": [7]}",
                "{\"run_id\": \"" + run + "\", \"params\": [{\"key\": \"p\"}]}",
                "{\"run_id\": \"" + run + "\", \"metrics\": [{\"key\": \"a\", \"value\": 1, \"timestamp\": 1}");
        for (String body : bodies) {
            TestHttp.Response lean = logBatch(API + "runs/log-batch", false, body);
            TestHttp.Response router = logBatch(API + "runs/log-batch", true, body);
            assertThat(lean.status()).as(body).isBetween(400, 499).isEqualTo(router.status());
            assertThat(lean.body()).as(body).isEqualTo(router.body()).contains("error_code");
        }
        assertThat(http.get(API + "runs/get?run_id=" + run).json(200).at("/run/data").path("metrics")).isEmpty();
    }
}
