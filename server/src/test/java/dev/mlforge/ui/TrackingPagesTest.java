package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tracking pages over real HTTP, as a browser without JavaScript reads them. */
class TrackingPagesTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();
    private static final Pattern RUN_LINK = Pattern.compile("<a href=\"/ui/runs/([0-9a-f]+)\">([^<]+)</a>");
    static UiData data;

    @BeforeAll
    static void log() {
        data = new UiData(server, "pages-test");
    }

    private static String page(String path) {
        TestHttp.Response response = server.http().get(path);
        assertThat(response.status()).as("%s answered %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> runNames(String html) {
        List<String> names = new ArrayList<>();
        Matcher link = RUN_LINK.matcher(html);
        while (link.find()) {
            names.add(link.group(2));
        }
        return names;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void the_runs_table_searches_with_mlflows_grammar() {
        String html = page("/ui/experiments/" + data.experimentId + "?filter=" + q("params.model = 'forest' and metrics.accuracy > 0.8"));
        assertThat(runNames(html)).containsExactlyInAnyOrder("sweep-04", "sweep-07", "sweep-10");
    }

    @Test
    void a_search_the_grammar_refuses_is_a_400_page_naming_the_problem() {
        TestHttp.Response response = server.http().get("/ui/experiments/" + data.experimentId + "?filter=" + q("metrics.accuracy >>> 1"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("role=\"alert\"", "Search not understood");
    }

    @Test
    void the_runs_table_sorts_by_a_metric_both_ways() {
        String base = "/ui/experiments/" + data.experimentId + "?filter=" + q("params.model = 'tree'") + "&order_by=";
        assertThat(runNames(page(base + q("metrics.`accuracy` DESC")))).containsExactly("sweep-09", "sweep-06", "sweep-03", "sweep-00");
        assertThat(runNames(page(base + q("metrics.`accuracy` ASC")))).containsExactly("sweep-00", "sweep-03", "sweep-06", "sweep-09");
    }

    @Test
    void the_runs_table_pages_on_the_server_with_page_tokens() {
        String first = page("/ui/experiments/" + data.experimentId + "?page_size=5&order_by=" + q("attributes.start_time ASC"));
        assertThat(runNames(first)).hasSize(5).startsWith("sweep-00");
        Matcher next = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"").matcher(first);
        assertThat(next.find()).isTrue();
        String second = page(next.group(1).replace("&amp;", "&"));
        assertThat(runNames(second)).hasSize(5).startsWith("sweep-05").doesNotContainAnyElementsOf(runNames(first));
    }

    private static List<String> keys(String query) {
        TestHttp.Response response = server.http().get("/ui/experiments/" + data.experimentId + "/keys?" + query);
        assertThat(response.status()).as("%s answered %s", query, response.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        response.json().path("keys").forEach(key -> keys.add(key.asText()));
        return keys;
    }

    @Test
    void the_column_chooser_lists_every_key_of_the_experiment_not_only_the_pages() {
        // The first page of 5 runs holds only the sweep's keys; the chooser also offers the pipeline's (trials, best_accuracy).
        String first = page("/ui/experiments/" + data.experimentId + "?page_size=5&order_by=" + q("attributes.start_time ASC"));
        assertThat(first).doesNotContain("params.trials");
        assertThat(keys("kind=params")).containsExactly("learning_rate", "max_depth", "model", "trial", "trials");
        assertThat(keys("kind=metrics")).containsExactly("accuracy", "best_accuracy", "f1", "loss");
        assertThat(keys("kind=tags")).containsExactly("team");
    }

    @Test
    void the_column_chooser_searches_case_insensitively_and_pages_after_a_key() {
        assertThat(keys("kind=metrics&q=ACC")).containsExactly("accuracy", "best_accuracy");
        assertThat(keys("kind=params&q=" + q("_r"))).as("_ is a literal, not LIKE's any-character").containsExactly("learning_rate");
        TestHttp.Response full = server.http().get("/ui/experiments/" + data.experimentId + "/keys?kind=params&limit=2");
        assertThat(full.json().path("next").asText()).isEqualTo("max_depth");
        assertThat(keys("kind=params&limit=2&after=max_depth")).containsExactly("model", "trial");
        assertThat(server.http().get("/ui/experiments/" + data.experimentId + "/keys?kind=params&after=trial").json()
                .hasNonNull("next")).as("no next after the last page").isFalse();
    }

    @Test
    void the_column_chooser_refuses_a_bad_kind_or_limit_and_an_unknown_experiment() {
        String base = "/ui/experiments/" + data.experimentId + "/keys?kind=";
        TestHttp.Response badKind = server.http().get(base + "artifacts");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.json().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().get(base).status()).isEqualTo(400);
        assertThat(server.http().get(base + "metrics&limit=0").status()).isEqualTo(400);
        assertThat(server.http().get(base + "metrics&limit=lots").status()).isEqualTo(400);
        assertThat(server.http().get("/ui/experiments/987654/keys?kind=metrics").status()).isEqualTo(404);
    }

    @Test
    void a_bad_page_size_is_a_400() {
        assertThat(server.http().get("/ui/experiments/" + data.experimentId + "?page_size=0").status()).isEqualTo(400);
        assertThat(server.http().get("/ui/experiments/" + data.experimentId + "?page_size=abc").status()).isEqualTo(400);
    }

    @Test
    void children_follow_their_parent_indented() {
        // newest first: the children started after their parent, and are moved under it
        String html = page("/ui/experiments/" + data.experimentId + "?order_by=" + q("attributes.start_time DESC"));
        List<String> names = runNames(html);
        assertThat(names.subList(0, 5)).containsExactly("pipeline-parent", "trial-2", "trial-1", "trial-0", "sweep-11");
        assertThat(html).contains("class=\"child\"");
    }

    @Test
    void chosen_columns_are_shown_and_the_chooser_offers_the_pages_keys_and_names_the_key_route() {
        String html = page("/ui/experiments/" + data.experimentId + "?col=metrics.f1&col=tags.team");
        assertThat(html).contains("data-kind=\"metrics\"", "data-kind=\"tags\"", "value=\"params.max_depth\"");
        assertThat(html).contains("data-keys=\"/ui/experiments/" + data.experimentId + "/keys\"");
    }

    @Test
    void the_column_chooser_keeps_the_keys_of_a_deleted_run_and_learns_new_keys_on_write() {
        String experiment = server.http().post(UiData.API + "experiments/create", Map.of("name", "keys-on-write")).ok().json()
                .path("experiment_id").asText();
        String runId = server.http().post(UiData.API + "runs/create", Map.of("experiment_id", experiment)).ok().json()
                .path("run").path("info").path("run_id").asText();
        server.http().post(UiData.API + "runs/log-batch", Map.of("run_id", runId,
                "metrics", List.of(Map.of("key", "zeta", "value", 1.0, "timestamp", 1, "step", 0)),
                "params", List.of(Map.of("key", "alpha", "value", "1")),
                "tags", List.of(Map.of("key", "owner", "value", "me"), Map.of("key", "mlflow.note.content", "value", "x")))).ok();
        server.http().post(UiData.API + "runs/set-tag", Map.of("run_id", runId, "key", "stage", "value", "dev")).ok();
        server.http().post(UiData.API + "runs/delete", Map.of("run_id", runId)).ok();
        String base = "/ui/experiments/" + experiment + "/keys?kind=";
        List<String> tags = new ArrayList<>();
        server.http().get(base + "tags").json().path("keys").forEach(key -> tags.add(key.asText()));
        assertThat(tags).containsExactly("owner", "stage");
        assertThat(server.http().get(base + "metrics").json().path("keys").get(0).asText()).isEqualTo("zeta");
        assertThat(server.http().get(base + "params").json().path("keys").get(0).asText()).isEqualTo("alpha");
    }

    @Test
    void an_unknown_experiment_is_a_404() {
        assertThat(server.http().get("/ui/experiments/987654").status()).isEqualTo(404);
    }

    @Test
    void the_run_page_shows_params_metrics_with_min_and_max_datasets_and_tags() {
        String html = page("/ui/runs/" + data.runIds.get(0));
        assertThat(html).contains("sweep-00", "learning_rate", "max_depth", "accuracy", "team", "vision");
        assertThat(html).contains("<td class=\"num\">0.4424</td>"); // accuracy's first step is its min
        assertThat(html).contains("id=\"metric-data\"", "id=\"artifacts\"");
    }

    @Test
    void an_unknown_run_is_a_404() {
        assertThat(server.http().get("/ui/runs/0000000000000000000000000000dead").status()).isEqualTo(404);
    }

    @Test
    void compare_shows_every_run_and_only_differences_when_asked() {
        String runs = data.runIds.get(0) + "," + data.runIds.get(1) + "," + data.runIds.get(2);
        String all = page("/ui/compare?runs=" + runs);
        assertThat(all).contains("sweep-00", "sweep-01", "sweep-02", "learning_rate</th>", "metric</span> loss</th>");
        String diff = page("/ui/compare?runs=" + runs + "&diff=1");
        assertThat(diff).contains("learning_rate").doesNotContain(">Status<");
        String transposed = page("/ui/compare?runs=" + runs + "&transpose=1");
        assertThat(transposed).contains("href=\"/ui/runs/" + data.runIds.get(0) + "\"", "metric accuracy");
    }

    @Test
    void compare_shows_min_max_or_a_chosen_step_instead_of_the_last_value() {
        String runs = data.runIds.get(0) + "," + data.runIds.get(1);
        assertThat(page("/ui/compare?runs=" + runs + "&value=min")).contains("<td class=\"wrap\">0.4424</td>");
        assertThat(page("/ui/compare?runs=" + runs + "&value=step&step=0")).contains("<td class=\"wrap\">0.4424</td>");
        assertThat(page("/ui/compare?runs=" + runs)).doesNotContain("<td class=\"wrap\">0.4424</td>");
    }

    @Test
    void compare_min_and_max_read_every_point_not_the_sampled_history() {
        String experiment = server.http().post(UiData.API + "experiments/create", Map.of("name", "long-history")).ok().json()
                .path("experiment_id").asText();
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            String runId = server.http().post(UiData.API + "runs/create", Map.of("experiment_id", experiment)).ok().json()
                    .path("run").path("info").path("run_id").asText();
            ids.add(runId);
            // 3,000 steps: the chart's history is sampled to 2,500 (every other step), so odd steps fall out of it
            for (int batch = 0; batch < 3; batch++) {
                List<Map<String, Object>> metrics = new ArrayList<>();
                for (int step = batch * 1000; step < (batch + 1) * 1000; step++) {
                    double value = step == 1777 ? -7.25 : step == 2223 ? 9.5 : 0.5;
                    metrics.add(Map.of("key", "loss", "value", value + r, "timestamp", 1000 + step, "step", step));
                }
                server.http().post(UiData.API + "runs/log-batch", Map.of("run_id", runId, "metrics", metrics)).ok();
            }
        }
        String runs = String.join(",", ids);
        assertThat(page("/ui/compare?runs=" + runs + "&value=min")).contains(">-7.25</td>", ">-6.25</td>");
        assertThat(page("/ui/compare?runs=" + runs + "&value=max")).contains(">9.5</td>", ">10.5</td>");
        assertThat(page("/ui/compare?runs=" + runs + "&value=step&step=1777")).contains(">-7.25</td>", ">-6.25</td>");
    }

    @Test
    void the_compare_charts_sampled_histories_keep_each_runs_first_last_lowest_and_highest_point() throws Exception {
        String experiment = server.http().post(UiData.API + "experiments/create", Map.of("name", "sampled-history")).ok().json()
                .path("experiment_id").asText();
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            String runId = server.http().post(UiData.API + "runs/create", Map.of("experiment_id", experiment)).ok().json()
                    .path("run").path("info").path("run_id").asText();
            ids.add(runId);
            for (String key : List.of("acc", "loss")) {
                List<Map<String, Object>> metrics = new ArrayList<>();
                for (int step = r; step < 1000 + r * 7; step++) {
                    // a dip and a spike at steps no even spacing of 320 reaches
                    double value = step == 401 + r ? -5 - r : step == 802 - r ? 50 + r : Math.exp(-step / 300.0) + r;
                    metrics.add(Map.of("key", key, "value", key.equals("acc") ? 1 - value : value, "timestamp", 1000 + step,
                            "step", step));
                }
                for (int from = 0; from < metrics.size(); from += 500) {
                    server.http().post(UiData.API + "runs/log-batch", Map.of("run_id", runId,
                            "metrics", metrics.subList(from, Math.min(metrics.size(), from + 500)))).ok();
                }
            }
        }
        String runs = String.join(",", ids);
        String html = page("/ui/compare?runs=" + runs);
        Matcher embedded = Pattern.compile("id=\"compare-data\"[^>]*>(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(embedded.find()).isTrue();
        JsonNode data = new ObjectMapper().readTree(embedded.group(1));
        assertThat(data.path("histories").fieldNames()).toIterable().as("only the charted metric is embedded").containsExactly("acc");
        JsonNode loss = server.http().get("/ui/compare/history?runs=" + runs + "&key=loss").ok().json();
        assertThat(loss.path("key").asText()).isEqualTo("loss");
        for (String id : ids) {
            assertSampledLike(data.path("histories").path("acc").path(id), fullHistory(id, "acc"));
            assertSampledLike(loss.path("histories").path(id), fullHistory(id, "loss"));
        }
        assertThat(server.http().get("/ui/compare/history?runs=" + runs).status()).isEqualTo(400);
        assertThat(server.http().get("/ui/compare/history?key=loss").status()).isEqualTo(400);
    }

    private static List<double[]> fullHistory(String runId, String key) {
        List<double[]> points = new ArrayList<>();
        server.http().get(UiData.API + "metrics/get-history?run_id=" + runId + "&metric_key=" + key).ok().json()
                .path("metrics").forEach(point -> points.add(new double[] {point.path("step").asLong(), point.path("value").asDouble()}));
        points.sort(java.util.Comparator.comparingDouble(point -> point[0]));
        return points;
    }

    private static void assertSampledLike(JsonNode sampled, List<double[]> full) {
        assertThat(sampled.size()).isBetween(320, 322).isLessThan(full.size());
        double[] first = full.get(0);
        double[] last = full.get(full.size() - 1);
        assertThat(List.of(sampled.get(0).get(0).asDouble(), sampled.get(0).get(1).asDouble())).containsExactly(first[0], first[1]);
        JsonNode end = sampled.get(sampled.size() - 1);
        assertThat(List.of(end.get(0).asDouble(), end.get(1).asDouble())).containsExactly(last[0], last[1]);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (JsonNode point : sampled) {
            min = Math.min(min, point.get(1).asDouble());
            max = Math.max(max, point.get(1).asDouble());
        }
        assertThat(min).isEqualTo(full.stream().mapToDouble(point -> point[1]).min().orElseThrow());
        assertThat(max).isEqualTo(full.stream().mapToDouble(point -> point[1]).max().orElseThrow());
    }

    @Test
    void compare_refuses_bad_input_with_400_and_unknown_runs_with_404() {
        assertThat(server.http().get("/ui/compare").status()).isEqualTo(400);
        assertThat(server.http().get("/ui/compare?runs=" + data.runIds.get(0) + "&value=median").status()).isEqualTo(400);
        assertThat(server.http().get("/ui/compare?runs=" + data.runIds.get(0) + "&value=step&step=x").status()).isEqualTo(400);
        assertThat(server.http().get("/ui/compare?runs=0000000000000000000000000000dead").status()).isEqualTo(404);
    }
}
