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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI description the server serves: valid OpenAPI 3.1, the same document as YAML and JSON, every route the
 * running application registers described and nothing else, and request and response schemas for the platform's
 * own routes (serving, deployments, monitoring, pipelines).
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
        assertThat(missing).as("routes the application registers that openapi.yaml lacks; add them under paths:%n%s",
                stubs(missing)).isEmpty();
        assertThat(stale).as("routes openapi.yaml describes that the application does not register").isEmpty();
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
                    && !path.endsWith("/run") && !path.endsWith("/cancel") && !path.endsWith("/trigger");
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

    /** YAML to paste for missing routes: a path item with a summary to fill in per operation. */
    private static String stubs(Set<String> routes) {
        Map<String, List<String>> byPath = new TreeMap<>();
        routes.forEach(route -> byPath.computeIfAbsent(route.substring(route.indexOf(' ') + 1), path -> new ArrayList<>())
                .add(route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT)));
        return byPath.entrySet().stream().map(entry -> "  " + entry.getKey() + ":\n" + entry.getValue().stream()
                .map(method -> "    " + method + ": {summary: TODO, responses: {'200': {$ref: '#/components/responses/Json'}}}")
                .collect(Collectors.joining("\n"))).collect(Collectors.joining("\n"));
    }
}
