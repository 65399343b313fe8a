package dev.mlforge.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry, deployment, monitor, dataset, pipeline and trace pages over real HTTP, against the lifecycle of
 * {@link OpsFixture}: each page shows what the API holds, escapes it, and answers the API's errors for bad input.
 */
class OperationsPagesTest {
    @RegisterExtension
    static final ApplicationExtension server = OpsFixture.server();
    private static OpsFixture fixture;
    private static TestHttp http;

    @BeforeAll
    static void create_the_lifecycle() throws Exception {
        fixture = OpsFixture.create(server);
        http = server.http();
    }

    private static String page(String path) {
        TestHttp.Response response = http.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type").orElse("")).contains("text/html");
        return response.body();
    }

    @Test
    void models_page_lists_the_model_and_the_pending_request_with_buttons_calling_the_rest_api() {
        String html = page("/ui/models");
        assertThat(html).contains("href=\"/ui/models/" + OpsFixture.MODEL + "\"", "@champion → v1", "stage Production",
                "data-url=\"/api/v1/registry/transition-requests/" + fixture.requestId + "/approve\"",
                "data-url=\"/api/v1/registry/transition-requests/" + fixture.requestId + "/reject\"");
    }

    @Test
    void model_page_shows_versions_aliases_the_approval_rule_and_requests() {
        String html = page("/ui/models/" + OpsFixture.MODEL);
        assertThat(html).contains("id=\"versions\"", "href=\"/ui/models/" + OpsFixture.MODEL + "/versions/1\"",
                "Changes to stages Production need an approved request", "ready for production");
    }

    @Test
    void version_page_shows_integrity_lineage_from_dataset_to_deployment_history_and_model_card() {
        String html = page("/ui/models/" + OpsFixture.MODEL + "/versions/1");
        assertThat(html).contains("class=\"integrity intact\"", "files match the manifest");
        assertThat(html).contains("<svg class=\"graph\"", "class=\"node dataset\"", "class=\"node run\"",
                "class=\"node version\"", "class=\"node deployment\"", "href=\"/ui/deployments/" + OpsFixture.DEPLOYMENT + "\"");
        assertThat(html).contains("@champion");
        assertThat(html).contains("model-card", "# Model card");
    }

    @Test
    void lineage_page_draws_a_version_and_names_an_unknown_one() {
        assertThat(page("/ui/lineage?model=" + OpsFixture.MODEL + "&version=1")).contains("<svg class=\"graph\"", "trained");
        assertThat(page("/ui/lineage?model=" + OpsFixture.MODEL + "&version=99")).contains("class=\"error\"");
        assertThat(page("/ui/lineage")).contains(OpsFixture.MODEL + " v1");
    }

    @Test
    void deployment_page_shows_the_traffic_policy_rollback_live_traffic_and_predictions_with_feedback() {
        String html = page("/ui/deployments/" + OpsFixture.DEPLOYMENT);
        assertThat(html).contains("Canary weight", "10%", "X-User", "id=\"rollback\"",
                "data-url=\"/api/v1/deployments/" + OpsFixture.DEPLOYMENT + "/rollback\"");
        assertThat(html).doesNotContain("id=\"rollback\" data-api=\"POST\" data-url=\"/api/v1/deployments/wine/rollback\" data-confirm=\"Roll wine back to \" disabled");
        assertThat(html).contains("id=\"predictions\"", "ui-b-59", "data-live=\"/ui/deployments/wine/live\"");
        assertThat(page("/ui/deployments")).contains("href=\"/ui/deployments/wine\"", "(10%)");
    }

    @Test
    void live_traffic_counts_the_requests_the_deployment_served() {
        JsonNode live = http.get("/ui/deployments/" + OpsFixture.DEPLOYMENT + "/live").json(200);
        assertThat(Long.parseLong(live.path("total").asText())).isGreaterThanOrEqualTo(120);
        assertThat(live.path("p95Latency").asText()).contains("ms");
    }

    @Test
    void monitor_page_charts_drift_per_column_over_both_runs_and_compares_distributions() throws Exception {
        String html = page("/ui/monitors/" + fixture.monitorId);
        JsonNode chart = Json.mapper().readTree(scriptJson(html, "monitor-chart"));
        assertThat(chart.path("times")).hasSize(2);
        assertThat(chart.path("scores").path(OpsFixture.SHIFTED)).hasSize(2);
        assertThat(chart.path("performance").path("accuracy")).hasSize(2);
        JsonNode distributions = Json.mapper().readTree(scriptJson(html, "monitor-distributions"));
        assertThat(distributions.findValuesAsText("column")).contains(OpsFixture.SHIFTED);
        assertThat(html).contains("data-column=\"" + OpsFixture.SHIFTED + "\"", "drifted", "id=\"alerts\"", "FIRING",
                "1 attempt(s)", "<td>log</td><td>firing</td>", "delivered");
        assertThat(page("/ui/monitors")).contains("href=\"/ui/monitors/" + fixture.monitorId + "\"", "wine drift",
                "drift_share");
    }

    @Test
    void datasets_page_and_profile() {
        assertThat(page("/ui/datasets")).contains("href=\"/ui/datasets/wine\"");
        String html = page("/ui/datasets/wine");
        assertThat(html).contains("id=\"profile\"", "data-column=\"proline\"", "/ui/lineage?dataset_digest=");
    }

    @Test
    void pipelines_page_lists_the_run_and_its_page_draws_the_dag_with_step_states() {
        assertThat(page("/ui/pipelines")).contains("href=\"/ui/pipelines/runs/" + fixture.pipelineRunId + "\"", "wine-train");
        String html = page("/ui/pipelines/runs/" + fixture.pipelineRunId);
        assertThat(html).contains("class=\"node state-succeeded\"", "data-from=\"step:load\" data-to=\"step:validate\"",
                "data-step=\"register\"");
    }

    @Test
    void traces_page_lists_the_trace_and_its_page_shows_the_span_tree_inputs_outputs_and_assessments() {
        assertThat(page("/ui/traces")).contains("href=\"/ui/traces/" + fixture.traceId + "\"", "agents");
        String html = page("/ui/traces/" + fixture.traceId);
        assertThat(html).contains("id=\"span-tree\"", "answer_question", "predict_wine", "AGENT", "TOOL",
                "--depth: 1", "agents (", "which cultivar?", "1065", "correct", "matches the label", "HUMAN reviewer");
        assertThat(html.indexOf("answer_question")).isLessThan(html.indexOf("predict_wine"));
    }

    @Test
    void unknown_resources_answer_the_api_404() {
        for (String path : new String[] {"/ui/models/nope", "/ui/models/" + OpsFixture.MODEL + "/versions/42",
                "/ui/deployments/nope", "/ui/deployments/nope/live", "/ui/monitors/nope", "/ui/datasets/nope",
                "/ui/pipelines/runs/nope", "/ui/traces/tr-nope"}) {
            TestHttp.Response response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.errorCode()).as(path).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }
    }

    @Test
    void bad_input_is_a_400_or_shown_never_a_500() {
        assertThat(http.get("/ui/models/" + OpsFixture.MODEL + "/versions/abc").status()).isEqualTo(400);
        assertThat(http.get("/ui/datasets/wine?version=zz").status()).isEqualTo(400);
        assertThat(page("/ui/models?filter=name%20%3D%3D%3D")).contains("class=\"error\"");
        assertThat(page("/ui/traces?experiment_id=abc")).contains("class=\"error\"");
    }

    private static String scriptJson(String html, String id) {
        Matcher matcher = Pattern.compile("<script type=\"application/json\" id=\"" + id + "\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(matcher.find()).as(id).isTrue();
        return matcher.group(1);
    }
}
