package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The answer schemas of MLflow's routes are what the handlers write: a session of MLflow calls (experiments, runs,
 * log-batch, logged models, the registry, traces, webhooks, artifacts) is made against the running server, and every
 * field of each JSON answer, nested objects and list elements included, must be a property of the schema the
 * description documents for that operation's success answer, a schema generated from a record (a {@code $ref}, not a
 * generic object). A record documented for a route that writes something else fails here.
 */
class OpenApiAnswersTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("webhooks.allowed-hosts", "hooks.example.com"); // no DNS lookup of the example host

    private static final String MLFLOW = "/api/2.0/mlflow/";

    private static JsonNode document;
    private final List<String> failures = new ArrayList<>();
    private final Set<String> checked = new TreeSet<>();

    @BeforeAll
    static void read_the_description() {
        document = server.http().get("/api/openapi.json").json(200);
    }

    @Test
    void the_answers_of_a_tracking_session_have_only_documented_fields() {
        String experiment = call("POST", MLFLOW + "experiments/create", Map.of("name", "answers",
                "tags", List.of(Map.of("key", "team", "value", "a")))).path("experiment_id").asText();
        call("GET", MLFLOW + "experiments/get?experiment_id=" + experiment, null);
        call("GET", MLFLOW + "experiments/get-by-name?experiment_name=answers", null);
        call("GET", MLFLOW + "experiments/search?max_results=5", null);
        call("POST", MLFLOW + "experiments/search", Map.of("max_results", 1));
        call("POST", MLFLOW + "experiments/set-experiment-tag", Map.of("experiment_id", experiment, "key", "k", "value", "v"));
        String run = call("POST", MLFLOW + "runs/create", Map.of("experiment_id", experiment, "run_name", "r",
                "start_time", 1000, "tags", List.of(Map.of("key", "mlflow.user", "value", "me"))))
                .at("/run/info/run_id").asText();
        call("POST", MLFLOW + "runs/log-batch", Map.of("run_id", run,
                "metrics", List.of(Map.of("key", "loss", "value", 0.5, "timestamp", 1000, "step", 1),
                        Map.of("key", "loss", "value", 0.25, "timestamp", 2000, "step", 2)),
                "params", List.of(Map.of("key", "lr", "value", "0.1")),
                "tags", List.of(Map.of("key", "t", "value", "v"))));
        call("POST", MLFLOW + "runs/log-metric", Map.of("run_id", run, "key", "acc", "value", 0.9, "timestamp", 3000));
        call("POST", MLFLOW + "runs/log-parameter", Map.of("run_id", run, "key", "depth", "value", "3"));
        call("POST", MLFLOW + "runs/set-tag", Map.of("run_id", run, "key", "stage", "value", "dev"));
        call("POST", MLFLOW + "runs/log-inputs", Map.of("run_id", run, "datasets", List.of(Map.of(
                "dataset", Map.of("name", "iris", "digest", "abc", "source_type", "local", "source", "{}"),
                "tags", List.of(Map.of("key", "mlflow.data.context", "value", "training"))))));
        String model = call("POST", MLFLOW + "logged-models", Map.of("experiment_id", experiment, "name", "m",
                "source_run_id", run, "params", List.of(Map.of("key", "p", "value", "1")),
                "tags", List.of(Map.of("key", "k", "value", "v")))).at("/model/info/model_id").asText();
        call("POST", MLFLOW + "runs/outputs", Map.of("run_id", run, "models", List.of(Map.of("model_id", model, "step", 1))));
        call("PATCH", MLFLOW + "logged-models/" + model, Map.of("status", "LOGGED_MODEL_READY"));
        call("GET", MLFLOW + "logged-models/" + model, null);
        call("POST", MLFLOW + "logged-models/search", Map.of("experiment_ids", List.of(experiment)));
        call("GET", MLFLOW + "runs/get?run_id=" + run, null);
        call("POST", MLFLOW + "runs/search", Map.of("experiment_ids", List.of(experiment)));
        call("POST", MLFLOW + "runs/update", Map.of("run_id", run, "status", "FINISHED", "end_time", 5000));
        call("GET", MLFLOW + "metrics/get-history?run_id=" + run + "&metric_key=loss", null);
        call("GET", MLFLOW + "metrics/get-history-bulk-interval?run_ids=" + run + "&metric_key=loss&max_results=10", null);
        server.http().upload("/api/2.0/mlflow-artifacts/artifacts/" + experiment + "/" + run + "/artifacts/notes.txt",
                "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)).ok();
        call("GET", MLFLOW + "artifacts/list?run_id=" + run, null);
        call("GET", "/api/2.0/mlflow-artifacts/artifacts?path=" + experiment + "/" + run + "/artifacts", null);
        call("POST", MLFLOW + "runs/delete", Map.of("run_id", run));

        assertThat(failures).isEmpty();
        assertThat(checked).contains("POST /api/2.0/mlflow/runs/create", "GET /api/2.0/mlflow/runs/get",
                "POST /api/2.0/mlflow/runs/search", "POST /api/2.0/mlflow/runs/log-batch",
                "GET /api/2.0/mlflow/logged-models/{model_id}", "GET /api/2.0/mlflow/artifacts/list");
    }

    @Test
    void the_answers_of_a_registry_session_have_only_documented_fields() {
        String experiment = call("POST", MLFLOW + "experiments/create", Map.of("name", "registry-answers"))
                .path("experiment_id").asText();
        String run = call("POST", MLFLOW + "runs/create", Map.of("experiment_id", experiment)).at("/run/info/run_id").asText();
        call("POST", MLFLOW + "registered-models/create", Map.of("name", "answers", "description", "d",
                "tags", List.of(Map.of("key", "k", "value", "v"))));
        call("POST", MLFLOW + "model-versions/create", Map.of("name", "answers", "source", "runs:/" + run + "/model",
                "run_id", run, "tags", List.of(Map.of("key", "k", "value", "v"))));
        call("POST", MLFLOW + "registered-models/alias", Map.of("name", "answers", "alias", "champion", "version", "1"));
        call("POST", MLFLOW + "registered-models/set-tag", Map.of("name", "answers", "key", "k2", "value", "v2"));
        call("POST", MLFLOW + "model-versions/set-tag", Map.of("name", "answers", "version", "1", "key", "k2", "value", "v2"));
        call("GET", MLFLOW + "registered-models/get?name=answers", null);
        call("GET", MLFLOW + "registered-models/alias?name=answers&alias=champion", null);
        call("GET", MLFLOW + "registered-models/search?max_results=10", null);
        call("POST", MLFLOW + "registered-models/search", Map.of("filter", "name = 'answers'"));
        call("PATCH", MLFLOW + "registered-models/update", Map.of("name", "answers", "description", "e"));
        call("GET", MLFLOW + "model-versions/get?name=answers&version=1", null);
        call("GET", MLFLOW + "model-versions/search?filter=name%3D'answers'", null);
        call("PATCH", MLFLOW + "model-versions/update", Map.of("name", "answers", "version", "1", "description", "x"));
        call("POST", MLFLOW + "model-versions/transition-stage", Map.of("name", "answers", "version", "1",
                "stage", "Staging", "archive_existing_versions", false));
        call("POST", MLFLOW + "registered-models/get-latest-versions", Map.of("name", "answers"));
        call("GET", MLFLOW + "model-versions/get-download-uri?name=answers&version=1", null);
        call("POST", MLFLOW + "registered-models/rename", Map.of("name", "answers", "new_name", "answers2"));
        call("DELETE", MLFLOW + "registered-models/delete", Map.of("name", "answers2"));

        assertThat(failures).isEmpty();
        assertThat(checked).contains("POST /api/2.0/mlflow/model-versions/create",
                "GET /api/2.0/mlflow/model-versions/get", "GET /api/2.0/mlflow/registered-models/alias",
                "GET /api/2.0/mlflow/registered-models/get");
    }

    @Test
    void the_answers_of_traces_and_webhooks_have_only_documented_fields() {
        String experiment = call("POST", MLFLOW + "experiments/create", Map.of("name", "trace-answers"))
                .path("experiment_id").asText();
        String trace = "tr-0123456789abcdef0123456789abcdef";
        call("POST", "/api/3.0/mlflow/traces", Map.of("trace", Map.of("trace_info", Map.of("trace_id", trace,
                "trace_location", Map.of("type", "MLFLOW_EXPERIMENT", "mlflow_experiment", Map.of("experiment_id", experiment)),
                "request_time", "2023-01-01T00:00:00Z", "execution_duration", "1.5s", "state", "OK",
                "trace_metadata", Map.of("mlflow.traceInputs", "{}"), "tags", Map.of("k", "v")))));
        call("PATCH", "/api/3.0/mlflow/traces/" + trace + "/tags", Map.of("key", "k2", "value", "v2"));
        call("GET", "/api/3.0/mlflow/traces/" + trace, null);
        call("GET", "/api/3.0/mlflow/traces/get?allow_partial=true&trace_id=" + trace, null);
        call("GET", "/api/3.0/mlflow/traces/batchGet?trace_ids=" + trace, null);
        call("POST", "/api/3.0/mlflow/traces/search", Map.of("locations", List.of(Map.of("type", "MLFLOW_EXPERIMENT",
                "mlflow_experiment", Map.of("experiment_id", experiment)))));
        call("POST", "/api/3.0/mlflow/traces/delete-traces", Map.of("experiment_id", experiment,
                "request_ids", List.of(trace)));
        String webhook = call("POST", MLFLOW + "webhooks", Map.of("name", "w", "url", "https://hooks.example.com/w",
                "events", List.of(Map.of("entity", "registered_model", "action", "created"))))
                .at("/webhook/webhook_id").asText();
        call("GET", MLFLOW + "webhooks", null);
        call("GET", MLFLOW + "webhooks/" + webhook, null);
        call("PATCH", MLFLOW + "webhooks/" + webhook, Map.of("description", "d",
                "events", List.of(Map.of("entity", "model_version", "action", "created"))));
        call("DELETE", MLFLOW + "webhooks/" + webhook, null);

        assertThat(failures).isEmpty();
        assertThat(checked).contains("POST /api/3.0/mlflow/traces", "POST /api/3.0/mlflow/traces/search",
                "POST /api/2.0/mlflow/webhooks");
    }

    @Test
    void a_field_the_documented_record_lacks_is_reported() {
        // the check itself: a field the record's schema does not name is reported, with where it is
        List<String> found = new ArrayList<>();
        JsonNode answer = Json.mapper().createObjectNode().put("experiment_id", "1").put("not_a_field", 2);
        fields(answer, ref("CreateExperimentResponse"), "", found);
        assertThat(found).containsExactly("/not_a_field is not a property of CreateExperimentResponse");
    }

    /** Calls the route, expects 200 and checks its JSON answer against the operation's documented answer schema. */
    private JsonNode call(String method, String pathAndQuery, Object body) {
        TestHttp.Response response = server.http().send(method, pathAndQuery, body == null ? null : "application/json", body);
        String route = method + " " + pathAndQuery;
        assertThat(response.status()).as(route + " answered " + response.body()).isEqualTo(200);
        JsonNode answer = response.json();
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String template = template(path);
        JsonNode schema = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT))
                .at("/responses/200/content/application~1json/schema");
        if (!schema.has("$ref")) {
            failures.add(method + " " + template + ": the answer is not documented by a record (" + schema + ")");
            return answer;
        }
        checked.add(method + " " + template);
        fields(answer, schema, "", failures);
        return answer;
    }

    /** The documented path the request path is an instance of: its {@code {param}} segments match any segment. */
    private static String template(String path) {
        List<String> matches = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(template -> {
            if (path.matches(template.replace(".", "\\.").replaceAll("\\{[^}]+}", "[^/]+"))) {
                matches.add(template);
            }
        });
        // a literal path (traces/search) wins over a template that also matches it (traces/{trace_id})
        return matches.stream().filter(template -> !template.contains("{")).findFirst()
                .orElse(matches.isEmpty() ? path : matches.get(0));
    }

    /** Adds to {@code found} each field of {@code value} (at {@code pointer}) that {@code schema} does not name. */
    private static void fields(JsonNode value, JsonNode schema, String pointer, List<String> found) {
        String name = refName(schema);
        JsonNode resolved = resolve(schema);
        if (value.isArray()) {
            JsonNode items = resolved.path("items");
            if (items.isMissingNode()) {
                found.add(pointer + " is a list and its schema " + describe(name, resolved) + " is not");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                fields(value.get(i), items, pointer + "/" + i, found);
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        JsonNode properties = resolved.path("properties");
        JsonNode additional = resolved.path("additionalProperties");
        List<JsonNode> alternatives = new ArrayList<>();
        for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
            resolved.path(combiner).forEach(alternatives::add);
        }
        if (properties.isMissingNode() && !alternatives.isEmpty()) {
            alternative(value, alternatives, pointer, found);
            return;
        }
        if (properties.isMissingNode() && !additional.isObject()) {
            if (name != null && !value.isEmpty()) {
                found.add(pointer + " has fields and its schema " + name + " has no properties");
            }
            return; // an empty record's {}, or a free-form object (a record's JsonNode or Map<String, Object> field)
        }
        value.fields().forEachRemaining(field -> {
            String at = pointer + "/" + field.getKey();
            JsonNode property = properties.path(field.getKey());
            if (!property.isMissingNode()) {
                fields(field.getValue(), property, at, found);
            } else if (additional.isObject()) {
                fields(field.getValue(), additional, at, found);
            } else {
                found.add(at + " is not a property of " + describe(name, resolved));
            }
        });
    }

    /** The value matches one of the alternatives; else what the first one lacks is reported. */
    private static void alternative(JsonNode value, List<JsonNode> alternatives, String pointer, List<String> found) {
        List<String> first = null;
        for (JsonNode alternative : alternatives) {
            List<String> lacking = new ArrayList<>();
            fields(value, alternative, pointer, lacking);
            if (lacking.isEmpty()) {
                return;
            }
            first = first == null ? lacking : first;
        }
        found.addAll(first);
    }

    private static String describe(String name, JsonNode schema) {
        return name != null ? name : schema.toString();
    }

    private static JsonNode ref(String name) {
        return Json.mapper().createObjectNode().put("$ref", "#/components/schemas/" + name);
    }

    private static JsonNode resolve(JsonNode schema) {
        String name = refName(schema);
        return name == null ? schema : resolve(document.path("components").path("schemas").path(name));
    }

    private static String refName(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }
}
