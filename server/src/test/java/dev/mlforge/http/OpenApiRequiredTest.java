package dev.mlforge.http;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code required} lists of the OpenAPI description are what the server refuses, so that a generated client
 * makes optional only what is optional: for every operation whose JSON request body has required properties (in its
 * record or in one nested in it), a complete example body is sent to the running server once per required property,
 * with that property left out, and each answer must be a 4xx with the error body naming the property. A property
 * marked required that the server takes absent fails here, and so does a required property no example reaches.
 */
class OpenApiRequiredTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static final String DEPLOYMENT = "d";
    private static final String PIPELINE = "name: p\nsteps:\n  - name: s\n    type: python\n";
    private static final String ENTITY = "{\"name\": \"driver\", \"join_key\": \"driver_id\"}";
    /** A tag (or a parameter): a key and a value. */
    private static final String TAG = "{\"key\": \"k\", \"value\": \"v\"}";
    private static final String EXPERIMENT_GRANT = """
            {"experiment_id": "$EXPERIMENT", "username": "alice", "permission": "READ"}""";
    private static final String MODEL_GRANT = """
            {"name": "iris", "username": "alice", "permission": "READ"}""";
    private static final String VIEW = """
            {"name": "v2", "entities": ["driver"], "features": [{"name": "trips", "dtype": "Int64"}],
             "source": {"path": "features/drivers.csv"}, "timestamp_field": "event_timestamp"}""";

    /**
     * What a path parameter is filled with: the deployment the test deploys, the logged model it creates, or a name
     * that exists or need not.
     */
    private static final Map<String, String> PATH_VALUES = new java.util.HashMap<>(Map.of("name", DEPLOYMENT,
            "version", "1", "workspace_name", "default", "id", "nope"));
    /** Placeholders of the MLflow examples, replaced by the experiment, run and logged model the test creates. */
    private static final Map<String, String> IDS = new java.util.HashMap<>();

    /**
     * A complete, valid body of each operation (by its {@code /api} route, which an {@code /ajax-api} alias shares),
     * with every required property of its record and of the nested records that have some, so that leaving one out is
     * the only fault in the body sent.
     */
    private static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            example("POST /api/v1/deployments", """
                    {"name": "d2", "model_uri": "models:/iris/1", "canary": {"model_uri": "models:/iris/1",
                     "weight": 10}, "shadow": {"model_uri": "models:/iris/1"}}"""),
            example("PATCH /api/v1/deployments/{name}", """
                    {"canary": {"model_uri": "models:/iris/1", "weight": 10},
                     "shadow": {"model_uri": "models:/iris/1"}}"""),
            example("POST /api/v1/deployments/{name}/feedback", """
                    {"request_id": "r1", "label": 1}"""),
            example("POST /v2/models/{name}/infer", """
                    {"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32",
                     "data": [1, 2, 3, 4]}], "outputs": [{"name": "label"}]}"""),
            example("POST /v2/models/{name}/versions/{version}/infer", """
                    {"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32",
                     "data": [1, 2, 3, 4]}], "outputs": [{"name": "label"}]}"""),
            example("POST /api/v1/monitors", """
                    {"deployment": "d", "reference": {"dataset": "ref", "dataset_version": 1},
                     "window": {"last_n": 10}}"""),
            example("POST /api/v1/alert-rules", """
                    {"metric": "drift_share", "comparator": ">", "threshold": 0.5}"""),
            example("POST /api/v1/pipelines/runs", "{\"pipeline\": " + quoted(PIPELINE) + "}"),
            example("POST /api/v1/pipelines/schedules",
                    "{\"name\": \"s\", \"cron\": \"0 * * * *\", \"pipeline\": " + quoted(PIPELINE) + "}"),
            example("POST /api/v1/pipelines/triggers", "{\"deployment\": \"d\", \"pipeline\": " + quoted(PIPELINE) + "}"),
            example("POST /api/v1/registry/transition-requests", """
                    {"name": "iris", "version": "1", "stage": "Production"}"""),
            example("POST /api/v1/permissions", """
                    {"resource_type": "deployment", "resource_id": "d", "username": "alice", "permission": "READ"}"""),
            example("PATCH /api/v1/permissions", """
                    {"resource_type": "deployment", "resource_id": "d", "username": "alice", "permission": "READ"}"""),
            example("DELETE /api/v1/permissions", """
                    {"resource_type": "deployment", "resource_id": "d", "username": "alice"}"""),
            example("POST /api/3.0/mlflow/workspaces", """
                    {"name": "w1", "description": "a workspace"}"""),
            example("POST /api/3.0/mlflow/workspaces/{workspace_name}/permissions", """
                    {"username": "alice", "permission": "READ"}"""),
            // MLflow's routes: the experiment, run and logged model the test creates, the model "iris" it registers
            example("POST /api/2.0/mlflow/experiments/create", "{\"name\": \"e-required\", \"tags\": [" + TAG + "]}"),
            example("POST /api/2.0/mlflow/runs/create", "{\"experiment_id\": \"$EXPERIMENT\", \"tags\": [" + TAG + "]}"),
            example("POST /api/2.0/mlflow/experiments/update", "{\"experiment_id\": \"$EXPERIMENT\", \"new_name\": \"e2\"}"),
            example("POST /api/2.0/mlflow/experiments/delete", "{\"experiment_id\": \"$EXPERIMENT\"}"),
            example("POST /api/2.0/mlflow/experiments/restore", "{\"experiment_id\": \"$EXPERIMENT\"}"),
            example("POST /api/2.0/mlflow/experiments/set-experiment-tag",
                    "{\"experiment_id\": \"$EXPERIMENT\", \"key\": \"k\", \"value\": \"v\"}"),
            example("POST /api/2.0/mlflow/runs/update", "{\"run_id\": \"$RUN\", \"status\": \"RUNNING\"}"),
            example("POST /api/2.0/mlflow/runs/delete", "{\"run_id\": \"$RUN\"}"),
            example("POST /api/2.0/mlflow/runs/restore", "{\"run_id\": \"$RUN\"}"),
            example("POST /api/2.0/mlflow/runs/log-metric",
                    "{\"run_id\": \"$RUN\", \"key\": \"m\", \"value\": 1.5, \"timestamp\": 1, \"step\": 0}"),
            example("POST /api/2.0/mlflow/runs/log-parameter", "{\"run_id\": \"$RUN\", \"key\": \"p\", \"value\": \"1\"}"),
            example("POST /api/2.0/mlflow/runs/set-tag", "{\"run_id\": \"$RUN\", \"key\": \"t\", \"value\": \"v\"}"),
            example("POST /api/2.0/mlflow/runs/delete-tag", "{\"run_id\": \"$RUN\", \"key\": \"t\"}"),
            example("POST /api/2.0/mlflow/runs/log-batch", """
                    {"run_id": "$RUN", "metrics": [{"key": "m", "value": 1.5, "timestamp": 1, "step": 0}],
                     "params": [{"key": "p", "value": "1"}], "tags": [{"key": "t", "value": "v"}]}"""),
            example("POST /api/2.0/mlflow/runs/log-inputs", """
                    {"run_id": "$RUN", "datasets": [{"dataset": {"name": "iris", "digest": "abc", "source_type": "local",
                     "source": "{}"}, "tags": [{"key": "mlflow.data.context", "value": "training"}]}],
                     "models": [{"model_id": "$MODEL"}]}"""),
            example("POST /api/2.0/mlflow/runs/outputs", "{\"run_id\": \"$RUN\", \"models\": [{\"model_id\": \"$MODEL\", \"step\": 1}]}"),
            example("POST /api/2.0/mlflow/runs/log-model", "{\"run_id\": \"$RUN\", \"model_json\": \"{}\"}"),
            example("POST /api/2.0/mlflow/logged-models", "{\"experiment_id\": \"$EXPERIMENT\", \"params\": [" + TAG
                    + "], \"tags\": [" + TAG + "]}"),
            example("POST /api/2.0/mlflow/logged-models/{model_id}/params", "{\"params\": [" + TAG + "]}"),
            example("PATCH /api/2.0/mlflow/logged-models/{model_id}/tags", "{\"tags\": [" + TAG + "]}"),
            example("PATCH /api/2.0/mlflow/logged-models/{model_id}", "{\"status\": \"LOGGED_MODEL_READY\"}"),
            example("POST /api/2.0/mlflow/registered-models/create", "{\"name\": \"m-required\", \"tags\": [" + TAG + "]}"),
            example("POST /api/2.0/mlflow/registered-models/rename", "{\"name\": \"iris\", \"new_name\": \"iris2\"}"),
            example("PATCH /api/2.0/mlflow/registered-models/update", "{\"name\": \"iris\"}"),
            example("DELETE /api/2.0/mlflow/registered-models/delete", "{\"name\": \"iris\"}"),
            example("POST /api/2.0/mlflow/registered-models/get-latest-versions", "{\"name\": \"iris\"}"),
            example("POST /api/2.0/mlflow/registered-models/set-tag", "{\"name\": \"iris\", \"key\": \"k\", \"value\": \"v\"}"),
            example("DELETE /api/2.0/mlflow/registered-models/delete-tag", "{\"name\": \"iris\", \"key\": \"k\"}"),
            example("POST /api/2.0/mlflow/registered-models/alias", "{\"name\": \"iris\", \"alias\": \"a\", \"version\": \"1\"}"),
            example("DELETE /api/2.0/mlflow/registered-models/alias", "{\"name\": \"iris\", \"alias\": \"a\"}"),
            example("POST /api/2.0/mlflow/model-versions/create",
                    "{\"name\": \"iris\", \"source\": \"runs:/$RUN/model\", \"tags\": [" + TAG + "]}"),
            example("PATCH /api/2.0/mlflow/model-versions/update", "{\"name\": \"iris\", \"version\": \"1\"}"),
            example("DELETE /api/2.0/mlflow/model-versions/delete", "{\"name\": \"iris\", \"version\": \"1\"}"),
            example("POST /api/2.0/mlflow/model-versions/transition-stage", """
                    {"name": "iris", "version": "1", "stage": "Staging", "archive_existing_versions": false}"""),
            example("POST /api/2.0/mlflow/model-versions/set-tag",
                    "{\"name\": \"iris\", \"version\": \"1\", \"key\": \"k\", \"value\": \"v\"}"),
            example("DELETE /api/2.0/mlflow/model-versions/delete-tag",
                    "{\"name\": \"iris\", \"version\": \"1\", \"key\": \"k\"}"),
            example("POST /api/3.0/mlflow/traces", "{\"trace\": {\"trace_info\": {}}}"),
            example("POST /api/2.0/mlflow/traces/link-to-run", "{\"trace_ids\": [\"tr-1\"], \"run_id\": \"$RUN\"}"),
            example("POST /api/2.0/mlflow/experiments/permissions/create", EXPERIMENT_GRANT),
            example("PATCH /api/2.0/mlflow/experiments/permissions/update", EXPERIMENT_GRANT),
            example("DELETE /api/2.0/mlflow/experiments/permissions/delete", EXPERIMENT_GRANT),
            example("POST /api/2.0/mlflow/registered-models/permissions/create", MODEL_GRANT),
            example("PATCH /api/2.0/mlflow/registered-models/permissions/update", MODEL_GRANT),
            example("DELETE /api/2.0/mlflow/registered-models/permissions/delete", MODEL_GRANT),
            example("POST /api/2.0/mlflow/webhooks", """
                    {"name": "w", "url": "https://hooks.example.com/w",
                     "events": [{"entity": "registered_model", "action": "created"}]}"""),
            // one example per alternative of a oneOf body
            example("POST /api/v1/deployments/{name}/invocations", """
                    {"dataframe_split": {"columns": ["a", "b", "c", "d"], "data": [[1, 2, 3, 4]]}, "params": {}}""", """
                    {"dataframe_records": [{"a": 1, "b": 2, "c": 3, "d": 4}], "params": {}}""", """
                    {"instances": [[1, 2, 3, 4]], "params": {}}""", """
                    {"inputs": [[1, 2, 3, 4]], "params": {}}"""),
            example("POST /get-online-features", """
                    {"features": ["d:trips"], "entities": {"driver_id": [1001]}}""", """
                    {"feature_service": "svc", "entities": {"driver_id": [1001]}}"""),
            // the feature store: the path's {name} is the view "d" the test applies
            example("POST /api/v1/features/apply", "{\"entities\": [" + ENTITY + "], \"feature_views\": [" + VIEW
                    + "], \"feature_services\": [{\"name\": \"s2\", \"features\": [\"v2:trips\"]}]}"),
            example("POST /api/v1/entities", ENTITY),
            example("POST /api/v1/feature-views", VIEW),
            example("POST /api/v1/feature-services", """
                    {"name": "s2", "features": ["d:trips"]}"""),
            example("POST /api/v1/feature-views/training-set", """
                    {"dataset_name": "ts", "features": ["d:trips"], "entity_dataset": {"name": "entities"}}"""),
            example("POST /api/v1/feature-views/{name}/online", """
                    {"entities": {"driver_id": [1001]}, "features": ["trips"]}"""),
            example("POST /api/v1/feature-views/{name}/drift", """
                    {"reference": {"dataset": "ref", "version": "latest"}}"""));

    private static JsonNode document;

    @BeforeAll
    static void deploy_a_model_and_read_the_description() throws URISyntaxException, IOException {
        LoggedModels models = new LoggedModels(server);
        models.registerModel("iris", Path.of(OpenApiRequiredTest.class.getResource("/serving/models/iris_logreg.onnx")
                .toURI()));
        models.deploy(DEPLOYMENT, "models:/iris/1").ok();
        applyFeatureDefinitions();
        createMlflowEntities();
        document = server.http().get("/api/openapi.json").json();
    }

    /** The feature view {@code d} (the path's {@code {name}}) of entity {@code driver}, and the service {@code svc}. */
    private static void applyFeatureDefinitions() throws IOException {
        Files.createDirectories(server.dataDir().resolve("features"));
        Files.writeString(server.dataDir().resolve("features/drivers.csv"),
                "driver_id,event_timestamp,trips\n1001,2024-01-01T00:00:00Z,10\n");
        server.http().post("/api/v1/features/apply", Map.of(
                "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of("name", DEPLOYMENT, "entities", List.of("driver"),
                        "source", Map.of("path", "features/drivers.csv"), "timestamp_field", "event_timestamp",
                        "features", List.of(Map.of("name", "trips", "dtype", "Int64")))),
                "feature_services", List.of(Map.of("name", "svc", "features", List.of(DEPLOYMENT + ":trips"))))).json(200);
    }

    /** The experiment, run and logged model the MLflow examples name (so that only the left-out property is wrong). */
    private static void createMlflowEntities() {
        String experiment = server.http().post("/api/2.0/mlflow/experiments/create", Map.of("name", "required"))
                .json(200).path("experiment_id").asText();
        IDS.put("$EXPERIMENT", experiment);
        IDS.put("$RUN", server.http().post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", experiment))
                .json(200).at("/run/info/run_id").asText());
        PATH_VALUES.put("model_id", server.http().post("/api/2.0/mlflow/logged-models",
                Map.of("experiment_id", experiment)).json(200).at("/model/info/model_id").asText());
        IDS.put("$MODEL", PATH_VALUES.get("model_id"));
    }

    @Test
    void a_body_without_a_required_property_is_refused_with_an_error_naming_it() throws Exception {
        List<String> failures = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        Set<String> reachable = new TreeSet<>();
        int sent = 0;
        for (Map.Entry<String, JsonNode> operation : jsonBodies().entrySet()) {
            String route = operation.getKey();
            Set<String> required = new TreeSet<>();
            requiredProperties(operation.getValue(), required, new TreeSet<>());
            reachable.addAll(required);
            if (required.isEmpty()) {
                continue;
            }
            List<String> examples = EXAMPLES.get(route.replace(" /ajax-api/", " /api/"));
            if (examples == null) {
                failures.add(route + ": no example body (its schema requires " + required + "); add one to EXAMPLES");
                continue;
            }
            for (String example : examples) {
                for (Map.Entry<String, String> id : IDS.entrySet()) {
                    example = example.replace(id.getKey(), id.getValue());
                }
                JsonNode body = Json.mapper().readTree(example);
                List<Omission> omissions = new ArrayList<>();
                omissions(body, operation.getValue(), "", omissions, failures, route);
                for (Omission omission : omissions) {
                    covered.add(omission.schemaProperty());
                    failures.addAll(refusal(route, without(body, omission), omission));
                    sent++;
                }
            }
        }
        Set<String> untested = new TreeSet<>(reachable);
        untested.removeAll(covered);
        assertThat(failures).isEmpty();
        assertThat(untested).as("required properties no example reaches").isEmpty();
        assertThat(sent).as("bodies sent").isGreaterThanOrEqualTo(150);
        assertThat(covered).contains("CreateDeploymentRequest.model_uri", "InferenceTensor.datatype",
                "CanarySpec.weight", "PlatformPermissionRoutesGrantRequest.permission",
                "PlatformPermissionRoutesGrantee.resource_type", "ScoringRequestDataframeSplit.dataframe_split",
                "ScoringRequestSplit.data", "ScoringRequestInputs.inputs", "GetOnlineFeaturesRequestByService.feature_service",
                "GetOnlineFeaturesRequestByFeatures.entities", "FeatureViewSpec.timestamp_field", "FeatureFieldSpec.dtype",
                "TrainingSetRequestEntityDataset.name", "FeatureDriftRequestReference.dataset",
                "LogMetricRequest.timestamp", "SetTagRequest.value", "TransitionModelVersionStageRequest.archive_existing_versions",
                "StartTraceV3RequestTraceBody.trace_info", "PermissionRequest.username", "CreateWebhookRequest.events",
                "Metric.timestamp", "Param.value", "RunTag.key", "InputTag.value", "ModelInput.model_id",
                "RegisteredModelTag.key", "LoggedModelParameter.value");
    }

    @Test
    void the_records_that_read_optional_fields_have_no_required_list() {
        for (String name : List.of("UpdateDeploymentRequest", "DecideTransitionRequest", "ApprovalRule",
                "UpdateWorkspaceRequest", "CreateRunRequest", "SearchRunsRequest", "UpdateWebhookRequest")) {
            assertThat(document.at("/components/schemas/" + name).has("required")).as(name).isFalse();
        }
        assertThat(document.at("/components/schemas/CreateDeploymentRequest/required"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("name", "model_uri");
    }

    /** A required property left out: where its object is in the example, and which property of which schema. */
    private record Omission(String pointer, String property, String schema) {
        String schemaProperty() {
            return schema + "." + property;
        }
    }

    /** The JSON request body schema of each documented operation, by {@code "METHOD /path"}. */
    private static Map<String, JsonNode> jsonBodies() {
        Map<String, JsonNode> bodies = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode schema = method.getValue().at("/requestBody/content/application~1json/schema");
            if (!schema.isMissingNode()) {
                bodies.put(method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), schema);
            }
        }));
        return bodies;
    }

    /** Every {@code Schema.property} required in {@code schema} or in a schema reachable from it. */
    private static void requiredProperties(JsonNode schema, Set<String> required, Set<String> seen) {
        String name = OpenApiSchemas.refName(schema);
        if (name != null && !seen.add(name)) {
            return;
        }
        JsonNode resolved = resolve(schema);
        resolved.path("required").forEach(property -> required.add(name + "." + property.asText()));
        resolved.path("properties").forEach(property -> requiredProperties(property, required, seen));
        resolved.path("oneOf").forEach(alternative -> requiredProperties(alternative, required, seen));
        if (resolved.has("items")) {
            requiredProperties(resolved.get("items"), required, seen);
        }
        if (resolved.path("additionalProperties").isObject()) {
            requiredProperties(resolved.get("additionalProperties"), required, seen);
        }
    }

    /** The required properties of {@code node} (at {@code pointer} in the example) and of the objects inside it. */
    private static void omissions(JsonNode node, JsonNode schema, String pointer, List<Omission> omissions,
            List<String> failures, String route) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("oneOf")) {
            // the example is of the alternative whose required properties it has
            for (JsonNode alternative : resolved.get("oneOf")) {
                JsonNode required = resolve(alternative).path("required");
                if (node.isObject() && required.size() > 0
                        && java.util.stream.StreamSupport.stream(required.spliterator(), false).allMatch(p -> node.has(p.asText()))) {
                    omissions(node, alternative, pointer, omissions, failures, route);
                    return;
                }
            }
            failures.add(route + ": the example " + pointer + " is none of the schema's alternatives");
            return;
        }
        if (node.isArray() && resolved.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                omissions(node.get(i), resolved.get("items"), pointer + "/" + i, omissions, failures, route);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (JsonNode property : resolved.path("required")) {
            if (node.has(property.asText())) {
                omissions.add(new Omission(pointer, property.asText(), OpenApiSchemas.refName(schema)));
            } else {
                failures.add(route + ": the example lacks the required " + pointer + "/" + property.asText());
            }
        }
        node.fields().forEachRemaining(field -> {
            JsonNode propertySchema = resolved.path("properties").path(field.getKey());
            if (!propertySchema.isMissingNode()) {
                omissions(field.getValue(), propertySchema, pointer + "/" + field.getKey(), omissions, failures, route);
            }
        });
    }

    private static JsonNode without(JsonNode body, Omission omission) {
        JsonNode copy = body.deepCopy();
        ((ObjectNode) (omission.pointer().isEmpty() ? copy : copy.at(omission.pointer()))).remove(omission.property());
        return copy;
    }

    /** What is wrong with the answer to {@code body}, which lacks {@code omission}: nothing when refused so. */
    private static List<String> refusal(String route, JsonNode body, Omission omission) {
        String method = route.substring(0, route.indexOf(' '));
        String path = fill(route.substring(route.indexOf(' ') + 1));
        TestHttp.Response response = server.http().send(method, path, "application/json", body.toString());
        String what = route + " without " + omission.pointer() + "/" + omission.property() + " answered "
                + response.status() + " " + response.body();
        if (response.status() < 400 || response.status() >= 500) {
            return List.of(what + ": expected a 4xx");
        }
        JsonNode error = response.json();
        // the Open Inference Protocol's routes answer its error shape, {"error": "..."}, instead of MLflow's
        boolean inference = path.startsWith("/v2/");
        String message = inference ? error.path("error").asText(null) : error.path("message").asText(null);
        if (message == null || !inference && !error.path("error_code").isTextual()) {
            return List.of(what + ": expected the structured error body");
        }
        // quoted as 'name', or as the last segment of a dotted path: 'canary.model_uri'
        if (!Pattern.compile("['.]" + Pattern.quote(omission.property()) + "'").matcher(message).find()) {
            return List.of(what + ": the message does not name the property");
        }
        return List.of();
    }

    private static String fill(String path) {
        Matcher parameter = Pattern.compile("\\{([^}]+)}").matcher(path);
        StringBuilder filled = new StringBuilder();
        while (parameter.find()) {
            String value = PATH_VALUES.get(parameter.group(1));
            assertThat(value).as("a value for the path parameter " + parameter.group(1)).isNotNull();
            parameter.appendReplacement(filled, value);
        }
        return parameter.appendTail(filled).toString();
    }

    private static JsonNode resolve(JsonNode schema) {
        return new OpenApiSchemas(document).resolve(schema);
    }

    private static Map.Entry<String, List<String>> example(String route, String... bodies) {
        return entry(route, List.of(bodies));
    }

    private static String quoted(String text) {
        return Json.mapper().valueToTree(text).toString();
    }
}
