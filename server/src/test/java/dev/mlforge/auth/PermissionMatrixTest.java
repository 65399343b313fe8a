package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resource permissions on representative routes, for an anonymous caller, a reader (READ on the experiment and the
 * model), an editor (EDIT on both) and the administrator, with {@code auth.default-permission=NO_PERMISSIONS} so that
 * only grants open anything; searches keep only what the caller may read; forged request shapes do not slip past.
 */
class PermissionMatrixTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("auth.mode", "basic")
            .withConfig("auth.default-permission", "NO_PERMISSIONS")
            .withConfig("admin-username", Callers.ADMIN).withConfig("admin-password", Callers.ADMIN_PASSWORD);

    private static final int NOT_DENIED = -1;
    private static Callers as;
    private static String experiment;
    private static String run;
    private static String otherExperiment;
    private static String otherRun;

    @BeforeAll
    static void grants() {
        as = new Callers(server.http());
        as.createUser("reader", "reader-password");
        as.createUser("editor", "editor-password");
        experiment = as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"shared\"}").json(200)
                .path("experiment_id").asText();
        otherExperiment = as.admin("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"private\"}").json(200)
                .path("experiment_id").asText();
        run = runIn(experiment);
        otherRun = runIn(otherExperiment);
        as.admin("POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"shared-model\"}").ok();
        as.admin("POST", "/api/2.0/mlflow/registered-models/create", "{\"name\":\"private-model\"}").ok();
        for (String[] grant : new String[][] {{"reader", "READ"}, {"editor", "EDIT"}}) {
            as.admin("POST", "/api/2.0/mlflow/experiments/permissions/create", "{\"experiment_id\":\"" + experiment
                    + "\",\"username\":\"" + grant[0] + "\",\"permission\":\"" + grant[1] + "\"}").ok();
            as.admin("POST", "/api/2.0/mlflow/registered-models/permissions/create", "{\"name\":\"shared-model\","
                    + "\"username\":\"" + grant[0] + "\",\"permission\":\"" + grant[1] + "\"}").ok();
        }
    }

    private static String runIn(String experimentId) {
        return as.admin("POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experimentId + "\"}").json(200)
                .path("run").path("info").path("run_id").asText();
    }

    /** One row: a request and the status expected for anonymous, reader, editor, admin. */
    private record Row(String method, String path, String body, int... expected) {}

    @Test
    void each_caller_gets_what_its_permission_allows_on_each_route() {
        List<Row> rows = List.of(
                new Row("GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + experiment, null, 401, 200, 200, 200),
                new Row("GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + otherExperiment, null, 401, 403, 403, 200),
                new Row("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=shared", null, 401, 200, 200, 200),
                new Row("GET", "/api/2.0/mlflow/runs/get?run_id=" + run, null, 401, 200, 200, 200),
                new Row("GET", "/api/2.0/mlflow/runs/get?run_id=" + otherRun, null, 401, 403, 403, 200),
                new Row("POST", "/api/2.0/mlflow/runs/log-metric", "{\"run_id\":\"" + run
                        + "\",\"key\":\"m\",\"value\":1,\"timestamp\":1,\"step\":0}", 401, 403, 200, 200),
                new Row("POST", "/api/2.0/mlflow/runs/log-batch", "{\"run_id\":\"" + run
                        + "\",\"params\":[{\"key\":\"p\",\"value\":\"1\"}]}", 401, 403, 200, 200),
                new Row("GET", "/api/2.0/mlflow/metrics/get-history?run_id=" + run + "&metric_key=m", null, 401, 200, 200, 200),
                new Row("GET", "/api/2.0/mlflow/artifacts/list?run_id=" + run, null, 401, 200, 200, 200),
                new Row("POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"" + experiment + "\"}", 401, 403, 200, 200),
                new Row("POST", "/api/2.0/mlflow/experiments/set-experiment-tag", "{\"experiment_id\":\"" + experiment
                        + "\",\"key\":\"k\",\"value\":\"v\"}", 401, 403, 200, 200),
                new Row("POST", "/api/2.0/mlflow/runs/search", "{\"experiment_ids\":[\"" + experiment + "\"]}", 401, 200, 200, 200),
                new Row("POST", "/api/2.0/mlflow/runs/search", "{\"experiment_ids\":[\"" + experiment + "\",\""
                        + otherExperiment + "\"]}", 401, 403, 403, 200),
                new Row("GET", "/api/2.0/mlflow/registered-models/get?name=shared-model", null, 401, 200, 200, 200),
                new Row("GET", "/api/2.0/mlflow/registered-models/get?name=private-model", null, 401, 403, 403, 200),
                new Row("POST", "/api/2.0/mlflow/registered-models/set-tag",
                        "{\"name\":\"shared-model\",\"key\":\"k\",\"value\":\"v\"}", 401, 403, 200, 200),
                new Row("DELETE", "/api/2.0/mlflow/registered-models/delete-tag", "{\"name\":\"shared-model\",\"key\":\"k\"}",
                        401, 403, 200, 200),
                new Row("GET", "/api/2.0/mlflow/experiments/permissions/get?experiment_id=" + experiment + "&username=reader",
                        null, 401, 403, 403, 200),
                new Row("POST", "/api/v1/alert-rules", "{}", 401, 403, 403, NOT_DENIED),
                new Row("POST", "/api/2.0/mlflow/experiments/delete", "{\"experiment_id\":\"" + otherExperiment + "\"}",
                        401, 403, 403, 200));
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            int[] actual = {
                as.anonymous(row.method(), row.path(), row.body()).status(),
                as.as("reader", "reader-password", row.method(), row.path(), row.body()).status(),
                as.as("editor", "editor-password", row.method(), row.path(), row.body()).status(),
                as.admin(row.method(), row.path(), row.body()).status()};
            for (int i = 0; i < actual.length; i++) {
                boolean matches = row.expected()[i] == NOT_DENIED ? actual[i] != 401 && actual[i] != 403
                        : actual[i] == row.expected()[i];
                if (!matches) {
                    mismatches.add(row.method() + " " + row.path() + " as " + List.of("anonymous", "reader", "editor", "admin")
                            .get(i) + ": expected " + row.expected()[i] + ", got " + actual[i]);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void searches_keep_only_what_the_caller_may_read() {
        JsonNode readerExperiments = as.as("reader", "reader-password", "POST", "/api/2.0/mlflow/experiments/search",
                "{\"max_results\":100}").json(200);
        JsonNode readerModels = as.as("reader", "reader-password", "GET", "/api/2.0/mlflow/registered-models/search", null)
                .json(200);
        JsonNode adminExperiments = as.admin("POST", "/api/2.0/mlflow/experiments/search", "{\"max_results\":100}").json(200);

        assertThat(names(readerExperiments.path("experiments"))).containsExactly("shared");
        assertThat(names(readerModels.path("registered_models"))).containsExactly("shared-model");
        assertThat(names(adminExperiments.path("experiments"))).contains("shared", "Default");
    }

    @Test
    void a_user_with_no_grant_sees_an_empty_search_as_mlflow_answers_one() {
        as.createUser("stranger", "stranger-password");

        assertThat(as.as("stranger", "stranger-password", "GET", "/api/2.0/mlflow/registered-models/search", null).json(200)
                .has("registered_models")).isFalse();
    }

    @Test
    void the_creator_of_an_experiment_manages_it() {
        String own = as.as("editor", "editor-password", "POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"editors\"}")
                .json(200).path("experiment_id").asText();

        assertThat(as.as("reader", "reader-password", "GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + own, null)
                .status()).isEqualTo(403);
        assertThat(as.as("editor", "editor-password", "POST", "/api/2.0/mlflow/experiments/permissions/create",
                "{\"experiment_id\":\"" + own + "\",\"username\":\"reader\",\"permission\":\"READ\"}").status()).isEqualTo(200);
        assertThat(as.as("reader", "reader-password", "GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + own, null)
                .status()).isEqualTo(200);
        assertThat(as.as("editor", "editor-password", "POST", "/api/2.0/mlflow/experiments/delete",
                "{\"experiment_id\":\"" + own + "\"}").status()).isEqualTo(200);
    }

    @Test
    void a_camel_case_field_does_not_slip_past_the_check() {
        TestHttp.Response forged = as.as("reader", "reader-password", "POST", "/api/2.0/mlflow/runs/log-metric",
                "{\"runId\":\"" + run + "\",\"key\":\"forged\",\"value\":1,\"timestamp\":1,\"step\":0}");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(metricKeys(run)).doesNotContain("forged");
    }

    @Test
    void the_older_run_uuid_field_is_checked_too() {
        TestHttp.Response forged = as.as("editor", "editor-password", "POST", "/api/2.0/mlflow/runs/log-metric",
                "{\"run_uuid\":\"" + otherRun + "\",\"key\":\"forged\",\"value\":1,\"timestamp\":1,\"step\":0}");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(metricKeys(otherRun)).doesNotContain("forged");
    }

    @Test
    void a_field_sent_twice_is_checked_as_the_route_reads_it() {
        TestHttp.Response forged = as.as("editor", "editor-password", "POST", "/api/2.0/mlflow/runs/log-metric",
                "{\"run_id\":\"" + run + "\",\"run_id\":\"" + otherRun + "\",\"key\":\"forged\",\"value\":1,\"timestamp\":1,\"step\":0}");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(metricKeys(otherRun)).doesNotContain("forged");
    }

    private static List<String> metricKeys(String runId) {
        JsonNode metrics = as.admin("GET", "/api/2.0/mlflow/runs/get?run_id=" + runId, null).json(200)
                .path("run").path("data").path("metrics");
        return StreamSupport.stream(metrics.spliterator(), false).map(metric -> metric.path("key").asText()).toList();
    }

    private static List<String> names(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path("name").asText()).toList();
    }
}
