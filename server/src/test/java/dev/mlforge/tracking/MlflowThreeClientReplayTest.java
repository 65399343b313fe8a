package dev.mlforge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays, against a fresh server, every tracking call the MLflow 3.11 Python client made for
 * {@code mlflow.sklearn.log_model(model, name="m")} in a run and the searches and loads after it, as recorded
 * between that client and MLflow 3.11's own server, and checks each answer against MLflow's: the same status,
 * fields, array lengths and values. Run and model ids are learned from the answers and substituted in later
 * requests; times and generated run names may differ; error answers are compared by error code, lists
 * with keys regardless of order.
 */
class MlflowThreeClientReplayTest {
    private static final Pattern ID = Pattern.compile("(m-)?[0-9a-f]{32}");
    private static final Set<String> VARYING = Set.of("start_time", "end_time", "creation_time", "last_update_time",
            "creation_timestamp_ms", "last_updated_timestamp_ms", "run_name");
    private static final Set<String> ID_FIELDS = Set.of("run_id", "run_uuid", "model_id", "source_run_id");

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private final Map<String, String> ids = new HashMap<>();

    @Test
    void the_sklearn_log_model_session_of_mlflow_3_11_gets_mlflow_3_11_answers() throws IOException {
        TestHttp http = server.http();
        JsonNode exchanges;
        try (InputStream in = getClass().getResourceAsStream("/golden/loggedmodels/mlflow311_sklearn_log_model.json")) {
            exchanges = Json.mapper().readTree(in).get("exchanges");
        }
        assertThat(exchanges.size()).isEqualTo(27);
        for (JsonNode exchange : exchanges) {
            String method = exchange.get("method").asText();
            String path = substitute(exchange.get("path").asText());
            JsonNode body = exchange.get("body");
            TestHttp.Response response = http.send(method, path, "application/json",
                    body == null || body.isNull() ? null : substitute(body.toString()));
            String where = method + " " + path;
            assertThat(response.status()).as(where + ": " + response.body()).isEqualTo(exchange.get("status").asInt());
            JsonNode expected = exchange.get("response");
            JsonNode actual = response.json(response.status());
            if (response.status() != 200) {
                assertThat(actual.get("error_code")).as(where).isEqualTo(expected.get("error_code"));
                continue;
            }
            learnIds(expected, actual);
            List<String> differences = new ArrayList<>();
            compare(where + " $", expected, actual, differences);
            assertThat(differences).as(where + " answered " + actual).isEmpty();
        }
        assertThat(ids.keySet()).anyMatch(id -> id.startsWith("m-")).anyMatch(id -> !id.startsWith("m-"));
    }

    private String substitute(String text) {
        String result = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            result = result.replace(id.getKey(), id.getValue());
        }
        return result;
    }

    /** Pairs the ids MLflow answered with the ones this server answered in the same places. */
    private void learnIds(JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return;
        }
        if (expected.isObject()) {
            for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode value = expected.get(name);
                if (ID_FIELDS.contains(name) && value.isTextual() && ID.matcher(value.asText()).matches()
                        && actual.path(name).isTextual()) {
                    ids.putIfAbsent(value.asText(), actual.get(name).asText());
                }
                learnIds(value, actual.get(name));
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                learnIds(expected.get(i), actual.get(i));
            }
        }
    }

    private void compare(String where, JsonNode expected, JsonNode actual, List<String> differences) {
        if (actual == null) {
            differences.add(where + ": missing");
        } else if (expected.isObject()) {
            compareObjects(where, expected, actual, differences);
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                differences.add(where + ": expected " + expected.size() + " elements, got " + actual);
                return;
            }
            List<JsonNode> expectedItems = byKey(expected);
            List<JsonNode> actualItems = byKey(actual);
            for (int i = 0; i < expected.size(); i++) {
                compare(where + "[" + i + "]", expectedItems.get(i), actualItems.get(i), differences);
            }
        } else if (expected.isNumber()) {
            if (!actual.isNumber() || expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(where + ": expected " + expected + ", got " + actual);
            }
        } else if (expected.isTextual()) {
            if (!actual.isTextual() || !substitute(expected.asText()).equals(actual.asText())) {
                differences.add(where + ": expected " + substitute(expected.asText()) + ", got " + actual);
            }
        } else if (!expected.equals(actual)) {
            differences.add(where + ": expected " + expected + ", got " + actual);
        }
    }

    /**
     * The elements, ordered by their "key" when they have one: mlforge lists a run's tags by key, MLflow in the
     * order they were written, and clients read them as maps.
     */
    private static List<JsonNode> byKey(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        if (items.stream().allMatch(item -> item.path("key").isTextual())) {
            items.sort(java.util.Comparator.comparing(item -> item.get("key").asText()));
        }
        return items;
    }

    private void compareObjects(String where, JsonNode expected, JsonNode actual, List<String> differences) {
        if (!actual.isObject()) {
            differences.add(where + ": expected an object, got " + actual);
            return;
        }
        // The run-name tag carries the generated run name, which differs like run_name.
        boolean runNameTag = "mlflow.runName".equals(expected.path("key").asText(null));
        for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (VARYING.contains(name) || runNameTag && name.equals("value")) {
                if (!actual.has(name)) {
                    differences.add(where + "." + name + ": missing");
                }
                continue;
            }
            compare(where + "." + name, expected.get(name), actual.get(name), differences);
        }
        for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            // An empty list equals an absent one in protobuf JSON; mlforge's artifact proxy writes "files": [].
            boolean emptyList = actual.get(name).isArray() && actual.get(name).isEmpty();
            if (!expected.has(name) && !emptyList) {
                differences.add(where + "." + name + ": unexpected field " + actual.get(name));
            }
        }
    }
}
