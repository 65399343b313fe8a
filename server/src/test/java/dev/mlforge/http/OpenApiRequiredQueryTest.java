package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The query parameters the OpenAPI description marks {@code required} are what the server refuses without: for every
 * operation with one, a request with all its required parameters naming things that exist succeeds, and the same
 * request without each of them in turn is a 4xx whose error body names the parameter. A parameter marked required that
 * the server takes absent fails here, and so does a required parameter with no example. The server authenticates, so
 * that the user and permission routes are documented and tried too.
 */
class OpenApiRequiredQueryTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth("admin", "password1234");

    private static final String MLFLOW = "/api/2.0/mlflow/";
    private static final String DEPLOYMENT = "d";
    private static final String VERSION_FILE = "iris_logreg.onnx";
    private static final String LOGGED_MODEL_FILE = "notes.txt";

    /**
     * The required query parameters of each operation (by its {@code /api} route, which an {@code /ajax-api} alias
     * shares), with values naming what the test creates; {@code $EXPERIMENT}, {@code $RUN}, {@code $MODEL} and
     * {@code $TRACE} are replaced by the experiment, run, logged model and trace ids.
     */
    private static final Map<String, Map<String, String>> EXAMPLES = Map.ofEntries(
            example("GET " + MLFLOW + "experiments/get", "experiment_id", "$EXPERIMENT"),
            example("GET " + MLFLOW + "experiments/get-by-name", "experiment_name", "query-required"),
            example("GET " + MLFLOW + "runs/get", "run_id", "$RUN"),
            example("GET /api/3.0/mlflow/traces/get", "trace_id", "$TRACE"),
            example("GET " + MLFLOW + "metrics/get-history", "run_id", "$RUN", "metric_key", "m"),
            example("GET " + MLFLOW + "metrics/get-history-bulk-interval", "run_ids", "$RUN", "metric_key", "m"),
            example("GET " + MLFLOW + "artifacts/list", "run_id", "$RUN"),
            example("GET " + MLFLOW + "get-artifact", "run_id", "$RUN", "path", "model/" + VERSION_FILE),
            example("GET /get-artifact", "run_id", "$RUN", "path", "model/" + VERSION_FILE),
            example("GET " + MLFLOW + "logged-models/{model_id}/artifacts/files", "artifact_file_path", LOGGED_MODEL_FILE),
            example("GET " + MLFLOW + "registered-models/get", "name", "iris"),
            example("GET " + MLFLOW + "registered-models/get-latest-versions", "name", "iris"),
            example("GET " + MLFLOW + "registered-models/alias", "name", "iris", "alias", "champion"),
            example("GET " + MLFLOW + "model-versions/get", "name", "iris", "version", "1"),
            example("GET " + MLFLOW + "model-versions/get-download-uri", "name", "iris", "version", "1"),
            example("GET " + MLFLOW + "model-versions/get-artifact", "name", "iris", "version", "1", "path", VERSION_FILE),
            example("GET /model-versions/get-artifact", "name", "iris", "version", "1", "path", VERSION_FILE),
            example("GET /api/v1/registry/resolve", "model_uri", "models:/iris/1"),
            example("POST /api/v1/datasets", "name", "query-required"),
            example("GET " + MLFLOW + "users/get", "username", "alice"),
            example("GET " + MLFLOW + "experiments/permissions/get", "experiment_id", "$EXPERIMENT", "username", "alice"),
            example("GET " + MLFLOW + "registered-models/permissions/get", "name", "iris", "username", "alice"),
            example("GET /ui/experiments/{experiment_id}/keys", "kind", "metrics"),
            example("GET /ui/compare", "runs", "$RUN"),
            example("GET /ui/compare/history", "runs", "$RUN", "key", "m"),
            example("GET /api/v1/permissions", "resource_type", "deployment", "resource_id", DEPLOYMENT,
                    "username", "alice"));
    /** The body of an operation that reads one besides its query (the dataset's CSV). */
    private static final Map<String, String> BODIES = Map.of("POST /api/v1/datasets", "a,b\n1,2\n");

    private static final Map<String, String> IDS = new HashMap<>();
    private static JsonNode document;

    @BeforeAll
    static void create_what_the_examples_name() throws URISyntaxException {
        TestHttp http = server.http();
        LoggedModels models = new LoggedModels(server);
        models.registerModel("iris", Path.of(OpenApiRequiredQueryTest.class.getResource("/serving/models/iris_logreg.onnx")
                .toURI()));
        models.setAlias("iris", "champion", "1");
        models.deploy(DEPLOYMENT, "models:/iris/1").ok();
        String experiment = http.post(MLFLOW + "experiments/create", Map.of("name", "query-required"))
                .json(200).path("experiment_id").asText();
        IDS.put("$EXPERIMENT", experiment);
        // the run whose artifacts are the model registered above: it logged the file under model/
        String run = http.get(MLFLOW + "model-versions/get?name=iris&version=1").json(200)
                .at("/model_version/run_id").asText();
        IDS.put("$RUN", run);
        http.post(MLFLOW + "runs/log-metric", Map.of("run_id", run, "key", "m", "value", 1.5, "timestamp", 1, "step", 0))
                .json(200);
        JsonNode model = http.post(MLFLOW + "logged-models", Map.of("experiment_id", experiment)).json(200)
                .at("/model/info");
        IDS.put("$MODEL", model.path("model_id").asText());
        // a trace with a span (traces/get answers a trace without one as not exported yet), exported as OTLP JSON
        String otelTraceId = "0123456789abcdef0123456789abcdef";
        http.send("POST", "/v1/traces", "application/json", "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{"
                + "\"traceId\": \"" + otelTraceId + "\", \"spanId\": \"0000000000000001\", \"name\": \"root\", "
                + "\"startTimeUnixNano\": \"1700000000000000000\", \"endTimeUnixNano\": \"1700000000250000000\"}]}]}]}",
                "x-mlflow-experiment-id", experiment).ok();
        IDS.put("$TRACE", "tr-" + otelTraceId);
        String root = model.path("artifact_uri").asText().replaceFirst("^mlflow-artifacts:/", "");
        http.upload("/api/2.0/mlflow-artifacts/artifacts/" + root + "/" + LOGGED_MODEL_FILE,
                "notes".getBytes(StandardCharsets.UTF_8)).ok();
        http.post(MLFLOW + "users/create", Map.of("username", "alice", "password", "alice-password-1")).json(200);
        http.post(MLFLOW + "experiments/permissions/create", Map.of("experiment_id", experiment, "username", "alice",
                "permission", "READ")).json(200);
        http.post(MLFLOW + "registered-models/permissions/create", Map.of("name", "iris", "username", "alice",
                "permission", "READ")).json(200);
        http.post("/api/v1/permissions", Map.of("resource_type", "deployment", "resource_id", DEPLOYMENT,
                "username", "alice", "permission", "READ")).ok();
        document = http.get("/api/openapi.json").json(200);
    }

    @Test
    void a_request_without_a_required_query_parameter_is_refused_with_an_error_naming_it() {
        List<String> failures = new ArrayList<>();
        Set<String> proven = new TreeSet<>();
        int sent = 0;
        for (Map.Entry<String, Set<String>> operation : requiredQueryParameters().entrySet()) {
            String route = operation.getKey();
            Map<String, String> example = EXAMPLES.get(route.replace(" /ajax-api/", " /api/"));
            if (example == null || !example.keySet().equals(operation.getValue())) {
                failures.add(route + ": no example of exactly its required query parameters " + operation.getValue()
                        + " (has " + (example == null ? "none" : example.keySet()) + "); add one to EXAMPLES");
                continue;
            }
            TestHttp.Response complete = send(route, example, null);
            sent++;
            if (complete.status() < 200 || complete.status() >= 300) {
                failures.add(route + " with " + example + " answered " + complete.status() + " " + complete.body()
                        + ": expected a 2xx");
                continue;
            }
            for (String parameter : operation.getValue()) {
                failures.addAll(refusal(route, example, parameter));
                proven.add(route + "?" + parameter);
                sent++;
            }
        }
        assertThat(failures).isEmpty();
        assertThat(sent).as("requests sent").isGreaterThanOrEqualTo(60);
        assertThat(proven).contains("GET /api/2.0/mlflow/runs/get?run_id", "GET /api/3.0/mlflow/traces/get?trace_id",
                "GET /ajax-api/2.0/mlflow/runs/get?run_id", "GET /api/2.0/mlflow/experiments/get?experiment_id",
                "GET /api/2.0/mlflow/metrics/get-history?metric_key", "GET /get-artifact?path",
                "GET /api/2.0/mlflow/registered-models/alias?alias", "GET /model-versions/get-artifact?version",
                "GET /ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files?artifact_file_path",
                "GET /api/2.0/mlflow/users/get?username", "GET /api/v1/permissions?resource_id",
                "POST /api/v1/datasets?name", "GET /api/v1/registry/resolve?model_uri",
                "GET /ui/compare/history?key", "GET /ui/experiments/{experiment_id}/keys?kind");
    }

    @Test
    void an_optional_query_parameter_is_not_marked_required() {
        JsonNode parameters = document.at("/paths/~1api~12.0~1mlflow~1metrics~1get-history/get/parameters");
        Map<String, Boolean> required = new TreeMap<>();
        parameters.forEach(parameter -> required.put(parameter.path("name").asText(),
                parameter.path("required").asBoolean()));
        assertThat(required).containsEntry("run_id", true).containsEntry("metric_key", true)
                .containsEntry("max_results", false).containsEntry("page_token", false);
    }

    /** What is wrong with the answer to {@code route} sent without {@code parameter}: nothing when refused so. */
    private static List<String> refusal(String route, Map<String, String> example, String parameter) {
        TestHttp.Response response = send(route, example, parameter);
        String what = route + " without " + parameter + " answered " + response.status() + " " + response.body();
        if (response.status() < 400 || response.status() >= 500) {
            return List.of(what + ": expected a 4xx");
        }
        JsonNode error;
        try {
            error = response.json();
        } catch (RuntimeException notJson) {
            return List.of(what + ": expected the structured error body");
        }
        String message = error.path("message").asText(null);
        if (message == null || !error.path("error_code").isTextual()) {
            return List.of(what + ": expected the structured error body");
        }
        if (!Pattern.compile("['\"]" + Pattern.quote(parameter) + "['\"]").matcher(message).find()) {
            return List.of(what + ": the message does not name the parameter");
        }
        return List.of();
    }

    /** {@code route} with the example's query parameters but {@code leftOut} (null for all of them). */
    private static TestHttp.Response send(String route, Map<String, String> example, String leftOut) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{model_id}", IDS.get("$MODEL"))
                .replace("{experiment_id}", IDS.get("$EXPERIMENT"));
        StringBuilder query = new StringBuilder();
        example.forEach((name, value) -> {
            if (!name.equals(leftOut)) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(IDS.getOrDefault(value, value), StandardCharsets.UTF_8));
            }
        });
        String body = BODIES.get(route);
        return server.http().send(method, path + query, body == null ? null : "text/csv", body);
    }

    /** The required query parameters of each documented operation that has some, by {@code "METHOD /path"}. */
    private static Map<String, Set<String>> requiredQueryParameters() {
        Map<String, Set<String>> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            for (JsonNode parameter : method.getValue().path("parameters")) {
                if ("query".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean()) {
                    operations.computeIfAbsent(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                            route -> new TreeSet<>()).add(parameter.path("name").asText());
                }
            }
        }));
        return operations;
    }

    private static Map.Entry<String, Map<String, String>> example(String route, String... pairs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return Map.entry(route, parameters);
    }
}
