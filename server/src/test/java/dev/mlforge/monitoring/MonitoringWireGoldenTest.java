package dev.mlforge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mlforge.http.Json;
import dev.mlforge.monitoring.testing.LoggedPredictions;
import dev.mlforge.monitoring.testing.References;
import dev.mlforge.monitoring.testing.SyntheticData;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monitoring routes' answers, byte for byte after ids and times are replaced by placeholders, equal committed
 * golden files (src/test/resources/golden/monitoring/): field names, field order, omitted nulls and numbers stay
 * what clients read today, whatever writes them.
 */
class MonitoringWireGoldenTest {
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    private static final Pattern GENERATED_ID = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedPredictions predictions = new LoggedPredictions(server);

    @Test
    void monitor_answers_equal_their_golden_file() throws Exception {
        TestHttp http = server.http();
        References.registerDataset(server, "iris-ref", SyntheticData.referenceCsv(300, 1));
        SyntheticData.addPredictions(predictions, "iris", "1", 100, 2.0, 4);
        SyntheticData.addPredictions(predictions, "iris", "2", 100, 0.0, 5);
        ObjectNode answers = Json.mapper().createObjectNode();

        JsonNode created = answer(answers, "create", http.post("/api/v1/monitors", """
                {"deployment": "iris", "reference": {"dataset": "iris-ref", "dataset_version": 1},
                 "window": {"last_n": 200}, "schedule": {"cron": "0 3 1 1 *"},
                 "column_overrides": {"x": {"method": "psi", "threshold": 0.2}}, "task": "classification"}"""), 200);
        String id = created.at("/monitor/id").asText();
        answer(answers, "create_minimal", http.post("/api/v1/monitors", """
                {"deployment": "other", "reference": {"run_id": "0123456789abcdef0123456789abcdef",
                 "artifact_path": "ref.csv"}, "window": {"span_seconds": 3600}, "drift_share": 0.25}"""), 200);
        answer(answers, "get", http.get("/api/v1/monitors/" + id), 200);
        answer(answers, "list", http.get("/api/v1/monitors"), 200);
        answer(answers, "run", http.post("/api/v1/monitors/" + id + "/run", ""), 200);
        answer(answers, "results", http.get("/api/v1/monitors/" + id + "/results?max_results=5"), 200);
        answer(answers, "delete", http.delete("/api/v1/monitors/" + id), 200);
        answer(answers, "not_found", http.get("/api/v1/monitors/nope"), 404);
        answer(answers, "null_body", http.post("/api/v1/monitors", "null"), 400);
        answer(answers, "not_json", http.post("/api/v1/monitors", "{not json"), 400);
        answer(answers, "wrong_type", http.post("/api/v1/monitors", "{\"deployment\": \"d\", \"window\": {\"last_n\": \"x\"}}"), 400);
        answer(answers, "bad_max_results", http.get("/api/v1/monitors/nope/results?max_results=ten"), 400);

        assertGolden("monitors.json", answers);
    }

    @Test
    void alert_answers_equal_their_golden_file() throws Exception {
        TestHttp http = server.http();
        References.registerDataset(server, "iris-ref", SyntheticData.referenceCsv(300, 1));
        ObjectNode answers = Json.mapper().createObjectNode();

        JsonNode rule = answer(answers, "create_rule", http.post("/api/v1/alert-rules", """
                {"name": "x drifted", "metric": "column_drift:x", "comparator": ">=", "threshold": 1,
                 "deployment": "iris"}"""), 200);
        answer(answers, "create_rule_defaults", http.post("/api/v1/alert-rules",
                "{\"metric\": \"accuracy\", \"comparator\": \"lt\", \"threshold\": 0.8, \"for_windows\": 2}"), 200);
        String ruleId = rule.at("/alert_rule/id").asText();
        answer(answers, "get_rule", http.get("/api/v1/alert-rules/" + ruleId), 200);
        answer(answers, "list_rules", http.get("/api/v1/alert-rules"), 200);

        String monitor = http.post("/api/v1/monitors", """
                {"deployment": "iris", "reference": {"dataset": "iris-ref", "dataset_version": 1},
                 "window": {"last_n": 150}}""").json(200).at("/monitor/id").asText();
        SyntheticData.addPredictions(predictions, "iris", "3", 150, 2.0, 12);
        http.post("/api/v1/monitors/" + monitor + "/run", "").json(200);
        JsonNode firing = answer(answers, "firing", http.get("/api/v1/alerts?state=firing"), 200);
        String alertId = firing.at("/alerts/0/id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                http.get("/api/v1/alerts/" + alertId + "/deliveries").json(200).get("deliveries").size() == 1);
        answer(answers, "get_firing", http.get("/api/v1/alerts/" + alertId), 200);
        answer(answers, "deliveries", http.get("/api/v1/alerts/" + alertId + "/deliveries"), 200);

        predictions.clear("iris");
        SyntheticData.addPredictions(predictions, "iris", "3", 150, 0.0, 13);
        http.post("/api/v1/monitors/" + monitor + "/run", "").json(200);
        answer(answers, "get_resolved", http.get("/api/v1/alerts/" + alertId), 200);
        answer(answers, "list_resolved", http.get("/api/v1/alerts?state=resolved"), 200);
        answer(answers, "delete_rule", http.delete("/api/v1/alert-rules/" + ruleId), 200);
        answer(answers, "rule_not_found", http.get("/api/v1/alert-rules/" + ruleId), 404);
        answer(answers, "null_rule", http.post("/api/v1/alert-rules", "null"), 400);
        answer(answers, "wrong_type_rule", http.post("/api/v1/alert-rules", "{\"metric\": 5, \"threshold\": [1]}"), 400);
        answer(answers, "bad_state", http.get("/api/v1/alerts?state=sleeping"), 400);

        assertGolden("alerts.json", answers);
    }

    @Test
    void monitors_results_and_rules_stored_by_the_earlier_mapper_read_back_unchanged() throws Exception {
        String monitor = """
                {"id":"m1","deployment":"iris","reference":{"dataset":"iris-ref","dataset_version":1},"window":{"last_n":200},\
                "schedule":{},"column_overrides":{"x":{"method":"psi","threshold":0.2}},"drift_share":0.5,\
                "task":"CLASSIFICATION","created_at":"2026-12-03T10:15:30.123Z"}""";
        String result = """
                {"id":0,"monitor_id":"m1","deployment":"iris","time":"2026-12-03T10:16:00Z","reference_rows":300,\
                "current_rows":200,"labelled_rows":0,"drift":{"columns":[{"column":"x","type":"numerical","method":"psi",\
                "score":0.86,"threshold":0.2,"drifted":true},{"column":"color","type":"categorical","method":"chisquare",\
                "score":"NaN","threshold":0.05,"drifted":false,"error":"no values"}],"drifted_columns":1,"drift_share":1.0,\
                "dataset_drift":true},"performance":{},"performance_by_version":{}}""";
        String rule = """
                {"id":"r1","name":"x drifted","metric":"column_drift:x","comparator":"GREATER_OR_EQUAL","threshold":1.0,\
                "for_windows":1,"created_at":"2026-12-03T10:15:30Z"}""";
        server.application().database().write(handle -> {
            handle.execute("INSERT INTO monitors (id, deployment, spec, created_at) VALUES ('m1', 'iris', ?, 1)", monitor);
            handle.execute("INSERT INTO monitor_results (monitor_id, time_ms, result) VALUES ('m1', 2, ?)", result);
            return handle.execute("INSERT INTO alert_rules (id, spec, created_at) VALUES ('r1', ?, 1)", rule);
        });

        assertThat(server.http().get("/api/v1/monitors/m1").json(200).get("monitor"))
                .isEqualTo(Json.mapper().readTree(monitor));
        assertThat(server.http().get("/api/v1/monitors/m1/results").json(200).at("/results/0"))
                .isEqualTo(Json.mapper().readTree(result.replace("\"id\":0", "\"id\":1")));
        assertThat(server.http().get("/api/v1/alert-rules/r1").json(200).get("alert_rule"))
                .isEqualTo(Json.mapper().readTree(rule));
    }

    /** Records the answer under {@code name} (ids and times as placeholders) and returns it as sent. */
    private static JsonNode answer(ObjectNode answers, String name, TestHttp.Response response, int status) {
        JsonNode body = response.json(status);
        answers.set(name, normalized(body.deepCopy()));
        return body;
    }

    private static JsonNode normalized(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(normalized(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalized(array.get(i)));
            }
        } else if (node.isTextual()) {
            String text = node.asText();
            text = INSTANT.matcher(text).replaceAll("<instant>");
            text = GENERATED_ID.matcher(text).replaceAll("<id>");
            return TextNode.valueOf(text);
        }
        return node;
    }

    private static void assertGolden(String name, JsonNode answers) throws IOException {
        String written = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answers) + "\n";
        try (InputStream in = MonitoringWireGoldenTest.class.getResourceAsStream("/golden/monitoring/" + name)) {
            if (in == null) {
                Path draft = Path.of("target", "golden-draft", name);
                Files.createDirectories(draft.getParent());
                Files.writeString(draft, written);
                throw new AssertionError("no golden file " + name + "; today's answers are in " + draft.toAbsolutePath());
            }
            assertThat(written).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
