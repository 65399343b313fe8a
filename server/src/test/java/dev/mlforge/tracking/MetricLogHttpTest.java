package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metric points staged in SQLite's metric log are read the same through every HTTP read of history before the fold
 * (no fold is due in this server's configuration) and after it (a stopped server folds the log).
 */
class MetricLogHttpTest {
    private static final String API = "/api/2.0/mlflow/";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig(MetricLogConfig.FOLD_ROWS_KEY, "10000000")
            .withConfig(MetricLogConfig.FOLD_MILLIS_KEY, "3600000");

    @Test
    void history_routes_and_the_compare_page_show_staged_points_and_the_same_points_once_folded() throws Exception {
        String experiment = server.http().post(API + "experiments/create", Map.of("name", "staged")).ok().json()
                .path("experiment_id").asText();
        String runId = server.http().post(API + "runs/create", Map.of("experiment_id", experiment)).ok().json()
                .path("run").path("info").path("run_id").asText();
        List<Map<String, Object>> metrics = List.of(
                Map.of("key", "loss", "value", 7.75, "timestamp", 1000, "step", 1),
                Map.of("key", "loss", "value", 0.125, "timestamp", 1001, "step", 2),
                Map.of("key", "loss", "value", 0.125, "timestamp", 1001, "step", 2),
                Map.of("key", "loss", "value", 3.5, "timestamp", 1002, "step", 3));
        server.http().post(API + "runs/log-batch", Map.of("run_id", runId, "metrics", metrics)).ok();
        assertThat(rows("metric_log")).isEqualTo(4);
        assertThat(rows("metrics")).isZero();
        List<String> staged = reads(runId);
        assertThat(staged.get(0)).contains("0.125", "7.75", "3.5");

        server.restart();

        assertThat(rows("metric_log")).isZero();
        assertThat(rows("metrics")).isEqualTo(3);
        assertThat(reads(runId)).isEqualTo(staged);
    }

    /** get-history, get-history-bulk-interval, and the compare page's min, max and value at a step. */
    private List<String> reads(String runId) {
        String history = server.http().get(API + "metrics/get-history?run_id=" + runId + "&metric_key=loss").ok().json()
                .path("metrics").toString();
        String bulk = server.http().get("/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=" + runId
                + "&metric_key=loss").ok().json().path("metrics").toString();
        assertThat(history).contains("\"step\":1", "\"step\":2", "\"step\":3");
        assertThat(bulk).contains("\"step\":1", "\"step\":2", "\"step\":3");
        assertThat(history.split("\"step\":2", -1)).as("the point logged twice is one point").hasSize(2);
        String min = comparedValue(runId, "value=min");
        String max = comparedValue(runId, "value=max");
        String atStep = comparedValue(runId, "value=step&step=3");
        assertThat(List.of(min, max, atStep)).containsExactly("0.125", "7.75", "3.5");
        return List.of(history, bulk, min, max, atStep);
    }

    private String comparedValue(String runId, String query) {
        TestHttp.Response page = server.http().get("/ui/compare?runs=" + runId + "&" + query);
        assertThat(page.status()).isEqualTo(200);
        String html = page.body();
        String cell = "<td class=\"wrap\">";
        int row = html.indexOf("metric</span> loss</th>");
        assertThat(row).as("the compare page has a loss row").isPositive();
        int start = html.indexOf(cell, row) + cell.length();
        return html.substring(start, html.indexOf("</td>", start));
    }

    private long rows(String table) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("mlforge.db"));
             ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            count.next();
            return count.getLong(1);
        }
    }
}
