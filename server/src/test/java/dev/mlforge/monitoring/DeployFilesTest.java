package dev.mlforge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mlforge.http.Json;
import dev.mlforge.monitoring.testing.LoggedPredictions;
import dev.mlforge.monitoring.testing.References;
import dev.mlforge.monitoring.testing.SyntheticData;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped Prometheus rules and Grafana dashboard parse, and every metric they reference is one the server
 * exports: the monitoring series are read from a real {@code /metrics} scrape after a monitor run.
 */
class DeployFilesTest {
    private static final Pattern METRIC = Pattern.compile("\\bmlforge_[a-zA-Z0-9_]+");

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedPredictions predictions = new LoggedPredictions(server);

    @BeforeEach
    void start() {
    }

    @Test
    void alert_rules_and_dashboard_reference_only_exported_metrics() throws Exception {
        Set<String> exported = scrapeAfterMonitorRun();
        Path deploy = repositoryRoot().resolve("deploy");

        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(deploy.resolve("prometheus/alerts.yml").toFile());
        List<String> ruleExpressions = new ArrayList<>();
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                assertThat(rule.get("alert").asText()).isNotBlank();
                ruleExpressions.add(rule.get("expr").asText());
            }
        }
        JsonNode dashboard = Json.mapper().readTree(deploy.resolve("grafana/mlforge-dashboard.json").toFile());
        List<String> dashboardExpressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            panel.get("targets").forEach(target -> dashboardExpressions.add(target.get("expr").asText()));
        }
        dashboard.get("templating").get("list").forEach(variable -> dashboardExpressions.add(variable.path("definition").asText()));

        Set<String> referenced = new TreeSet<>(metricNames(ruleExpressions));
        referenced.addAll(metricNames(dashboardExpressions));
        assertThat(ruleExpressions).hasSizeGreaterThanOrEqualTo(8);
        assertThat(dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(8);
        assertThat(referenced).isSubsetOf(exported);
        assertThat(referenced.stream().filter(name -> name.startsWith("mlforge_monitor_")).toList())
                .as("monitoring series must be present in the live scrape").isSubsetOf(exported)
                .contains("mlforge_monitor_drift_share", "mlforge_monitor_column_drift_score",
                        "mlforge_monitor_dataset_drift", "mlforge_monitor_performance");
        assertThat(referenced).contains("mlforge_serving_requests_total", "mlforge_serving_request_duration_seconds_bucket");
    }

    @Test
    void serving_error_rate_and_latency_rules_and_panels_count_live_traffic_only() throws Exception {
        Path deploy = repositoryRoot().resolve("deploy");
        List<String> expressions = new ArrayList<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(deploy.resolve("prometheus/alerts.yml").toFile());
        rules.get("groups").forEach(group -> group.get("rules").forEach(rule -> expressions.add(rule.get("expr").asText())));
        JsonNode dashboard = Json.mapper().readTree(deploy.resolve("grafana/mlforge-dashboard.json").toFile());
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText())));
        Pattern servingSelector = Pattern.compile("mlforge_serving_(requests_total|request_duration_seconds_bucket)(\\{[^}]*})?");

        List<String> checked = new ArrayList<>();
        for (String expression : expressions) {
            if (expression.matches("(?s).*by \\([^)]*traffic[^)]*\\).*")) {
                continue; // a panel that shows live and shadow traffic side by side
            }
            Matcher selector = servingSelector.matcher(expression);
            while (selector.find()) {
                assertThat(selector.group(2)).as("selector %s in %s", selector.group(), expression)
                        .isNotNull().contains("traffic=\"live\"");
                checked.add(selector.group());
            }
        }
        assertThat(checked).as("error-rate rule and panel, latency rule and panels").hasSizeGreaterThanOrEqualTo(8);
    }

    /** The series of a live server after a monitor run and one answered inference request. */
    private Set<String> scrapeAfterMonitorRun() throws Exception {
        LoggedModels models = new LoggedModels(server);
        models.registerModel("iris-model", Path.of(DeployFilesTest.class.getResource("/serving/models/iris_logreg.onnx").toURI()));
        models.deploy("served", "models:/iris-model/1").ok();
        server.http().post("/v2/models/served/infer", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], "
                + "\"datatype\": \"FP32\", \"data\": [6.2, 2.8, 4.8, 1.8]}]}").ok();
        References.registerDataset(server, "ref", SyntheticData.referenceCsv(200, 21));
        SyntheticData.addPredictions(predictions, "iris", "1", 100, 1.5, 22);
        String monitor = Json.mapper().readTree(server.http().post("/api/v1/monitors", """
                {"deployment": "iris", "reference": {"dataset": "ref", "dataset_version": 1},
                 "window": {"last_n": 100}, "task": "classification"}""").body()).get("monitor").get("id").asText();
        assertThat(server.http().post("/api/v1/monitors/" + monitor + "/run", "").status()).isEqualTo(200);

        String scrape = server.http().get("/metrics").body();
        Set<String> names = new HashSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertThat(scrape).contains("mlforge_monitor_column_drift_score{column=\"x\",deployment=\"iris\"}");
        return names;
    }

    private static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    private static Path repositoryRoot() {
        Path path = Path.of("").toAbsolutePath();
        while (path != null && !Files.isDirectory(path.resolve("deploy"))) {
            path = path.getParent();
        }
        assertThat(path).as("a parent folder holding deploy/").isNotNull();
        return path;
    }
}
