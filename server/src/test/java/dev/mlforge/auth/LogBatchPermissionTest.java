package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * log-batch's permission check reads the run from the route's own parse of the body (it is parsed once): a caller
 * without EDIT on the run's experiment is still refused 403 before anything is written, wherever the body names the
 * run (after a thousand metrics, twice, in camelCase) and even when the body has an error the route would answer 400.
 */
class LogBatchPermissionTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("auth.mode", "basic")
            .withConfig("auth.default-permission", "NO_PERMISSIONS")
            .withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD);

    private static Callers as;
    private static String run;
    private static String otherRun;

    @BeforeAll
    static void grants() {
        as = new Callers(server.http());
        as.createUser("editor", "editor-password");
        String experiment = experiment("shared");
        run = runIn(experiment);
        otherRun = runIn(experiment("private"));
        as.admin("POST", "/api/2.0/mlflow/experiments/permissions/create", "{\"experiment_id\":\"" + experiment
                + "\",\"username\":\"editor\",\"permission\":\"EDIT\"}").ok();
    }

    private static String experiment(String name) {
        return as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"" + name + "\"}").json(200)
                .path("experiment_id").asText();
    }

    private static String runIn(String experimentId) {
        return as.admin("POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experimentId + "\"}").json(200)
                .path("run").path("info").path("run_id").asText();
    }

    /** A thousand metrics named {@code key}, as a JSON list (about 60 KB). */
    private static String metrics(String key) {
        return IntStream.range(0, 1000).mapToObj(step -> "{\"key\":\"" + key + "\",\"value\":" + step
                + ".5,\"timestamp\":1700000000000,\"step\":" + step + "}").collect(Collectors.joining(",", "[", "]"));
    }

    private static TestHttp.Response logBatch(String body) {
        return as.as("editor", "editor-password", "POST", "/api/2.0/mlflow/runs/log-batch", body);
    }

    @Test
    void a_large_batch_to_a_run_the_caller_may_edit_is_written() {
        logBatch("{\"run_id\":\"" + run + "\",\"metrics\":" + metrics("allowed") + "}").ok();

        JsonNode history = as.admin("GET", "/api/2.0/mlflow/metrics/get-history?run_id=" + run + "&metric_key=allowed&max_results=5000",
                null).json(200).path("metrics");
        assertThat(history.size()).isEqualTo(1000);
    }

    @Test
    void a_run_named_after_the_metrics_is_checked() {
        TestHttp.Response refused = logBatch("{\"metrics\":" + metrics("after") + ",\"run_id\":\"" + otherRun + "\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json(403).path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(metricKeys(otherRun)).doesNotContain("after");
    }

    @Test
    void a_run_sent_twice_is_checked_as_the_route_reads_it_the_last_one() {
        TestHttp.Response refused = logBatch("{\"run_id\":\"" + run + "\",\"metrics\":" + metrics("twice") + ",\"run_id\":\""
                + otherRun + "\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(metricKeys(otherRun)).doesNotContain("twice");
        assertThat(metricKeys(run)).doesNotContain("twice");
    }

    @Test
    void a_camel_case_run_id_after_the_metrics_is_checked() {
        TestHttp.Response refused = logBatch("{\"metrics\":" + metrics("camel") + ",\"runId\":\"" + otherRun + "\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(metricKeys(otherRun)).doesNotContain("camel");
    }

    @Test
    void a_refused_caller_learns_nothing_of_its_body_errors_it_gets_403_first() {
        String badMetric = "{\"value\":1,\"timestamp\":1,\"step\":0}"; // no key: the route answers 400 for it
        String metrics = metrics("invalid");
        String body = "[" + badMetric + "," + metrics.substring(1);

        assertThat(logBatch("{\"metrics\":" + body + ",\"run_id\":\"" + otherRun + "\"}").status()).isEqualTo(403);
        assertThat(logBatch("{\"run_id\":\"" + otherRun + "\",\"metrics\":" + body.substring(0, 4000)).status())
                .as("a body cut short (not JSON) still names the run before the cut").isEqualTo(403);
        assertThat(metricKeys(otherRun)).doesNotContain("invalid");
    }

    @Test
    void an_allowed_caller_gets_the_route_s_own_error_for_a_bad_metric() {
        String body = "{\"run_id\":\"" + run + "\",\"metrics\":[{\"value\":1,\"timestamp\":1,\"step\":0}," + metrics("bad").substring(1)
                + "}";

        TestHttp.Response refused = logBatch(body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json(400).path("message").asText()).contains("key");
        assertThat(metricKeys(run)).doesNotContain("bad");
    }

    private static List<String> metricKeys(String runId) {
        JsonNode metrics = as.admin("GET", "/api/2.0/mlflow/runs/get?run_id=" + runId, null).json(200)
                .path("run").path("data").path("metrics");
        return StreamSupport.stream(metrics.spliterator(), false).map(metric -> metric.path("key").asText()).toList();
    }
}
