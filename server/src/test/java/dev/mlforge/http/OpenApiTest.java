package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI description the server builds from its routes: valid OpenAPI 3.1, the same document as YAML and JSON,
 * every route the running application registers described and nothing else, a summary for every platform route,
 * request and response schemas for the platform's own routes (serving, deployments, monitoring, pipelines) whose
 * properties are the records' JSON names, and the routes' roles as security requirements.
 */
class OpenApiTest {
    /** The platform's own routes, which must carry schemas (MLflow's routes may point at MLflow's documentation). */
    private static final List<String> SCHEMA_PREFIXES = List.of("/api/v1/deployments", "/v2", "/api/v1/monitors",
            "/api/v1/alert-rules", "/api/v1/alerts", "/api/v1/pipelines");

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private String yaml;
    private OpenAPI openApi;

    @BeforeEach
    void parse() {
        TestHttp.Response response = server.http().get("/api/openapi.yaml");
        assertThat(response.status()).isEqualTo(200);
        yaml = response.body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        openApi = result.getOpenAPI();
    }

    @Test
    void the_description_is_openapi_3_1_and_the_json_form_is_the_same_document() throws Exception {
        assertThat(openApi.getOpenapi()).startsWith("3.1.");
        assertThat(openApi.getInfo().getTitle()).isEqualTo("mlforge");
        TestHttp.Response json = server.http().get("/api/openapi.json");
        assertThat(json.header("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(json.json()).isEqualTo(new YAMLMapper().readTree(yaml));
    }

    @Test
    void every_registered_route_is_described_and_every_described_route_is_registered() {
        Set<String> registered = new TreeSet<>();
        server.application().routeRoles().keySet().forEach(route -> registered.add(route.replaceAll("<([^>]+)>", "{$1}")));
        Set<String> described = new TreeSet<>(operations().keySet());

        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(described);
        Set<String> stale = new TreeSet<>(described);
        stale.removeAll(registered);
        assertThat(missing).as("routes the application registers that the description lacks").isEmpty();
        assertThat(stale).as("routes the description has that the application does not register").isEmpty();
    }

    @Test
    void the_platform_routes_have_request_and_response_schemas() {
        List<String> lacking = new ArrayList<>();
        operations().forEach((route, operation) -> {
            String path = route.substring(route.indexOf(' ') + 1);
            if (SCHEMA_PREFIXES.stream().noneMatch(path::startsWith)) {
                return;
            }
            String method = route.substring(0, route.indexOf(' '));
            boolean sendsBody = Set.of("POST", "PUT", "PATCH").contains(method) && !path.endsWith("/rollback")
                    && !path.endsWith("/run") && !path.endsWith("/cancel") && !path.endsWith("/trigger")
                    && !path.endsWith("/predictions/exports");
            if (sendsBody && (operation.getRequestBody() == null || !hasSchema(operation.getRequestBody().getContent()))) {
                lacking.add(route + ": request body schema");
            }
            ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
            // Probes answer a bare status, as the Open Inference Protocol specifies.
            boolean probe = path.startsWith("/v2/health/") || path.endsWith("/ready");
            if (ok == null || !probe && !hasSchema(ok.getContent())) {
                lacking.add(route + ": 200 response schema");
            }
            if (operation.getResponses() != null && operation.getResponses().keySet().stream()
                    .noneMatch(code -> code.startsWith("4") || code.startsWith("5"))) {
                lacking.add(route + ": an error response");
            }
        });
        assertThat(lacking).isEmpty();
    }

    @Test
    void every_platform_route_has_a_summary_and_a_tag_from_its_documentation() {
        List<String> undocumented = new ArrayList<>();
        operations().forEach((route, operation) -> {
            boolean mlflow = operation.getExternalDocs() != null;
            if (!mlflow && (operation.getSummary() == null || operation.getSummary().isBlank()
                    || operation.getTags() == null || operation.getTags().isEmpty())) {
                undocumented.add(route);
            }
        });
        assertThat(undocumented).as("platform routes without an ApiDoc in their Routes' docs()").isEmpty();
        assertThat(operations().get("POST /api/v1/deployments").getSummary()).isEqualTo("Create a deployment");
        assertThat(operations().get("POST /api/2.0/mlflow/runs/log-batch").getSummary())
                .isEqualTo("Log a batch of metrics, params and tags");
        assertThat(operations().get("POST /api/2.0/mlflow/runs/log-batch").getTags()).containsExactly("MLflow tracking");
        // the web UI's /ajax-api alias shares its /api route's documentation
        Operation alias = operations().get("POST /ajax-api/3.0/mlflow/workspaces");
        assertThat(alias.getSummary()).isEqualTo(operations().get("POST /api/3.0/mlflow/workspaces").getSummary()
                + " (the UI's ajax-api alias)");
        assertThat(alias.getTags()).containsExactly("Workspaces");
        assertThat(alias.getResponses()).containsKey("201");
    }

    @Test
    void the_schemas_of_records_have_the_records_json_property_names() {
        Map<String, Class<?>> records = Map.of(
                "CreateDeploymentRequest", dev.mlforge.api.serving.CreateDeploymentRequest.class,
                "UpdateDeploymentRequest", dev.mlforge.api.serving.UpdateDeploymentRequest.class,
                "DeploymentResponse", dev.mlforge.api.serving.DeploymentResponse.class,
                "DeploymentInfo", dev.mlforge.api.serving.DeploymentInfo.class,
                "InferenceRequest", dev.mlforge.api.serving.InferenceRequest.class,
                "InferenceResponse", dev.mlforge.api.serving.InferenceResponse.class,
                "CreateMonitorRequest", dev.mlforge.api.monitoring.CreateMonitorRequest.class,
                "ListPipelineRunsResponse", dev.mlforge.api.pipelines.ListPipelineRunsResponse.class);
        records.forEach((name, type) -> {
            io.swagger.v3.oas.models.media.Schema<?> schema = openApi.getComponents().getSchemas().get(name);
            assertThat(schema).as(name).isNotNull();
            assertThat(schema.getProperties().keySet()).as(name).isEqualTo(jsonNames(type));
        });
        assertThat(jsonNames(dev.mlforge.api.serving.CreateDeploymentRequest.class)).contains("model_uri", "sticky_header");
        assertThat(operations().get("POST /api/v1/deployments").getRequestBody().getContent().get("application/json")
                .getSchema().get$ref()).isEqualTo("#/components/schemas/CreateDeploymentRequest");
    }

    @Test
    void a_route_reading_or_answering_several_media_types_lists_each() {
        Operation infer = operations().get("POST /v2/models/{name}/infer");
        assertThat(infer.getRequestBody().getContent()).containsOnlyKeys("application/json", "application/octet-stream");
        assertThat(infer.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                .endsWith("/InferenceRequest");
        assertThat(infer.getResponses().get("200").getContent()).containsOnlyKeys("application/json",
                "application/octet-stream");
        assertThat(infer.getDescription()).contains("Inference-Header-Content-Length");
        assertThat(operations().get("GET /api/v1/deployments/{name}/predictions").getResponses().get("200").getContent())
                .containsOnlyKeys("application/json", "text/csv", "application/vnd.apache.parquet");
        assertThat(operations().get("POST /api/v1/deployments/{name}/invocations").getRequestBody().getContent())
                .containsOnlyKeys("application/json", "text/csv");
    }

    @Test
    void answers_built_from_records_name_them() {
        assertThat(operations().get("POST /api/v1/permissions").getResponses().get("200").getContent()
                .get("application/json").getSchema().get$ref()).endsWith("/ResourcePermissionResponse");
        assertThat(operations().get("GET /api/3.0/mlflow/server-info").getResponses().get("200").getContent()
                .get("application/json").getSchema().get$ref()).endsWith("/ServerInfo");
        // the export's filters are query parameters: it reads no body
        assertThat(operations().get("POST /api/v1/deployments/{name}/predictions/exports").getRequestBody()).isNull();
        assertThat(operations().get("POST /api/v1/deployments/{name}/predictions/exports").getResponses().get("200")
                .getContent().get("application/json").getSchema().get$ref()).endsWith("/PredictionExportResponse");
        // bodies with alternatives list them: MLflow's scoring formats, Feast's features or feature service
        List<String> formats = new ArrayList<>();
        for (Object format : openApi.getComponents().getSchemas().get("ScoringRequest").getOneOf()) {
            formats.add(((io.swagger.v3.oas.models.media.Schema<?>) format).get$ref());
        }
        assertThat(formats).containsExactly("#/components/schemas/ScoringRequestDataframeSplit",
                        "#/components/schemas/ScoringRequestDataframeRecords", "#/components/schemas/ScoringRequestInstances",
                        "#/components/schemas/ScoringRequestInputs");
        assertThat(openApi.getComponents().getSchemas().get("GetOnlineFeaturesRequest").getOneOf()).hasSize(2);
        assertThat(operations().get("POST /api/v1/feature-views").getRequestBody().getContent().get("application/json")
                .getSchema().get$ref()).endsWith("/FeatureViewSpec");
        TestHttp.Response info = server.http().get("/api/3.0/mlflow/server-info");
        assertThat(info.json()).hasToString("{\"workspaces_enabled\":true}");
    }

    @Test
    void mlflows_routes_read_and_answer_records_except_otlps_export_answer() {
        Set<String> generic = new TreeSet<>();
        operations().forEach((route, operation) -> {
            if (operation.getExternalDocs() == null) {
                return;
            }
            if (operation.getSummary().matches("MLflow (GET|POST|PUT|PATCH|DELETE) .*")) {
                generic.add(route + ": no documentation of its own");
            }
            if (operation.getRequestBody() != null && !namesRecord(operation.getRequestBody().getContent())) {
                generic.add(route + ": request");
            }
            ApiResponse ok = operation.getResponses().get("200");
            if (ok != null && ok.getContent() != null && !namesRecord(ok.getContent())) {
                generic.add(route + ": answer");
            }
        });
        // OTLP's export answer is protobuf's ExportTraceServiceResponse (as bytes or as its JSON form), not a record
        assertThat(generic).containsExactly("POST /v1/traces: answer");
        assertThat(openApi.getComponents().getSchemas()).doesNotContainKey("MlflowMessage");
        assertThat(operations().get("POST /api/2.0/mlflow/runs/create").getTags()).containsExactly("MLflow tracking");
        assertThat(operations().get("POST /api/2.0/mlflow/runs/create").getExternalDocs().getUrl())
                .startsWith("https://mlflow.org/docs/");
    }

    /** True when each JSON body of {@code content} is a record's schema (other media types are bytes or text). */
    private static boolean namesRecord(io.swagger.v3.oas.models.media.Content content) {
        MediaType json = content.get("application/json");
        return json == null || json.getSchema() != null && json.getSchema().get$ref() != null
                && !json.getSchema().get$ref().endsWith("/MlflowMessage");
    }

    @Test
    void a_routes_role_is_its_security_requirement() {
        Operation health = operations().get("GET /health/live");
        assertThat(health.getSecurity()).hasSize(1).allMatch(Map::isEmpty);
        assertThat(health.getResponses()).doesNotContainKeys("401", "403");
        Operation create = operations().get("POST /api/v1/deployments");
        assertThat(create.getSecurity()).isNull();
        assertThat(create.getResponses()).containsKeys("400", "401", "403");
        assertThat(create.getExtensions()).containsEntry("x-mlforge-role", "WRITE");
        assertThat(operations().get("GET /api/v1/deployments/{name}").getParameters())
                .extracting(io.swagger.v3.oas.models.parameters.Parameter::getName).containsExactly("name");
    }

    /** The names Jackson writes for {@code type} with the server's mapper. */
    private static Set<String> jsonNames(Class<?> type) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = Json.mapper();
        return mapper.getSerializationConfig().introspect(mapper.constructType(type)).findProperties().stream()
                .map(com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean hasSchema(io.swagger.v3.oas.models.media.Content content) {
        return content != null && !content.isEmpty() && content.values().stream().map(MediaType::getSchema).allMatch(s -> s != null);
    }

    /** Each described operation by {@code "METHOD /path"}. */
    private Map<String, Operation> operations() {
        Map<String, Operation> operations = new TreeMap<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.put(method.name() + " " + path, operation)));
        return operations;
    }
}
