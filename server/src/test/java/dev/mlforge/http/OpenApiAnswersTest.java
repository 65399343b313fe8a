package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import java.util.List;
import java.util.Map;
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

    /** One per test: each test's session is checked on its own. */
    private final AnswerSchemas answers = new AnswerSchemas(server.http());

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

        assertThat(answers.failures()).isEmpty();
        assertThat(answers.checked()).contains("POST /api/2.0/mlflow/runs/create", "GET /api/2.0/mlflow/runs/get",
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

        assertThat(answers.failures()).isEmpty();
        assertThat(answers.checked()).contains("POST /api/2.0/mlflow/model-versions/create",
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
        call("POST", "/api/3.0/mlflow/traces/batchGetInfos", Map.of("trace_ids", List.of(trace)));
        String v2 = call("POST", MLFLOW + "traces", Map.of("experiment_id", experiment, "timestamp_ms", 1000,
                "request_metadata", List.of(Map.of("key", "mlflow.sourceRun", "value", "r")),
                "tags", List.of(Map.of("key", "k", "value", "v")))).at("/trace_info/request_id").asText();
        call("PATCH", MLFLOW + "traces/" + v2, Map.of("timestamp_ms", 1500, "status", "OK"));
        call("GET", MLFLOW + "traces/" + v2 + "/info", null);
        call("GET", MLFLOW + "traces?experiment_ids=" + experiment + "&max_results=1", null);
        call("POST", "/api/3.0/mlflow/traces/delete-traces", Map.of("experiment_id", experiment,
                "request_ids", List.of(trace, v2)));
        String webhook = call("POST", MLFLOW + "webhooks", Map.of("name", "w", "url", "https://hooks.example.com/w",
                "events", List.of(Map.of("entity", "registered_model", "action", "created"))))
                .at("/webhook/webhook_id").asText();
        call("GET", MLFLOW + "webhooks", null);
        call("GET", MLFLOW + "webhooks/" + webhook, null);
        call("PATCH", MLFLOW + "webhooks/" + webhook, Map.of("description", "d",
                "events", List.of(Map.of("entity", "model_version", "action", "created"))));
        call("DELETE", MLFLOW + "webhooks/" + webhook, null);

        assertThat(answers.failures()).isEmpty();
        assertThat(answers.checked()).contains("POST /api/3.0/mlflow/traces", "POST /api/3.0/mlflow/traces/search",
                "POST /api/3.0/mlflow/traces/batchGetInfos", "POST /api/2.0/mlflow/traces", "GET /api/2.0/mlflow/traces",
                "PATCH /api/2.0/mlflow/traces/{request_id}", "GET /api/2.0/mlflow/traces/{request_id}/info",
                "POST /api/2.0/mlflow/webhooks");
    }

    @Test
    void a_field_the_documented_record_lacks_is_reported() {
        // the check itself: a field the record's schema does not name is reported, with where it is
        JsonNode answer = Json.mapper().createObjectNode().put("experiment_id", "1").put("not_a_field", 2);
        assertThat(answers.mismatches(answer, "CreateExperimentResponse"))
                .containsExactly("/not_a_field is not a property of CreateExperimentResponse");
    }

    private JsonNode call(String method, String pathAndQuery, Object body) {
        return answers.call(method, pathAndQuery, body);
    }
}
