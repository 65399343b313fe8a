package dev.mlforge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3.1 description of every route a server registers, built from the routes themselves: each route's
 * method, path and {@link Role} as the router holds them, what its {@link Routes} declares of it ({@link ApiDoc}), and
 * the schemas of the records its bodies map to, generated from the records (swagger-core's {@link ModelConverters},
 * which reads their Jackson names). MLflow's routes are documented the same way, from the records their handlers read
 * and write, and link to MLflow's reference. Only the document-level prose is a resource.
 */
public final class OpenApiDocument {
    private static final String BASE = "/openapi-base.yaml";
    private static final String MLFLOW_DOCS = "https://mlflow.org/docs/latest/api_reference/rest-api.html";
    private static final Pattern PARAMETER = Pattern.compile("[{<]([^}>]+)([}>])");
    private static final Pattern MLFLOW_PREFIX = Pattern.compile(
            "^(/ajax-api|/api)/[23]\\.0/mlflow(-artifacts)?/|^/(model-versions/)?get-artifact$|^/v1/traces$");
    private static final String AJAX_PREFIX = "/ajax-api/";
    private static final String ALIAS = " (the UI's ajax-api alias)";
    private static final Set<String> BINARY = Set.of("application/octet-stream", "application/vnd.apache.parquet",
            "application/x-protobuf");

    private static final ModelConverters CONVERTERS = converters();

    private final byte[] yaml;
    private final byte[] json;

    private OpenApiDocument(byte[] yaml, byte[] json) {
        this.yaml = yaml;
        this.json = json;
    }

    /** A registered route: its method, its path as registered and the role it declared (null for none). */
    public record Route(String method, String path, Role role) {
        String key() {
            return method + " " + path;
        }
    }

    /** Describes {@code routes} with what {@code docs} says of them (docs of routes not registered are refused). */
    public static OpenApiDocument describe(Collection<Route> routes, Collection<ApiDoc> docs) {
        Map<String, ApiDoc> byRoute = docs.stream().collect(Collectors.toMap(ApiDoc::route, Function.identity(),
                (first, second) -> {
                    throw new IllegalStateException("Two documentations of " + first.route());
                }));
        Set<String> registered = routes.stream().map(Route::key).collect(Collectors.toSet());
        List<String> stale = byRoute.keySet().stream().filter(route -> !registered.contains(route)).sorted().toList();
        if (!stale.isEmpty()) {
            throw new IllegalStateException("Documentation of routes that are not registered: " + stale);
        }
        OpenAPI openApi = base();
        Map<String, Schema> schemas = new TreeMap<>(openApi.getComponents().getSchemas());
        Map<String, PathItem> paths = new TreeMap<>();
        routes.stream().sorted(Comparator.comparing(Route::path).thenComparing(Route::method)).forEach(route -> {
            ApiDoc doc = documentation(byRoute, route);
            Operation operation = doc != null ? documented(doc, schemas) : undocumented();
            secure(operation, route);
            parameters(operation, route.path());
            paths.computeIfAbsent(template(route.path()), path -> new PathItem())
                    .operation(PathItem.HttpMethod.valueOf(route.method()), operation);
        });
        Paths ordered = new Paths();
        paths.forEach(ordered::addPathItem);
        openApi.setPaths(ordered);
        openApi.getComponents().setSchemas(schemas);
        return write(openApi);
    }

    /**
     * What the route's {@link Routes} says of it; an {@code /ajax-api/...} alias the web UI calls shares the
     * documentation of its {@code /api/...} route.
     */
    private static ApiDoc documentation(Map<String, ApiDoc> byRoute, Route route) {
        ApiDoc doc = byRoute.get(route.key());
        if (doc != null || !route.path().startsWith(AJAX_PREFIX)) {
            return doc;
        }
        ApiDoc api = byRoute.get(route.method() + " /api/" + route.path().substring(AJAX_PREFIX.length()));
        return api == null ? null : new ApiDoc(api.method(), route.path(), api.tag(), api.summary() + ALIAS,
                api.description(), api.requests(), api.responses(), api.status(), api.query(), api.answers());
    }

    public byte[] yaml() {
        return yaml.clone();
    }

    public byte[] json() {
        return json.clone();
    }

    /** The path as OpenAPI writes it: Javalin's {@code <path>} (a parameter that may hold slashes) as {@code {path}}. */
    static String template(String path) {
        return path.replaceAll("<([^>]+)>", "{$1}");
    }

    private static OpenAPI base() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(BASE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + BASE);
            }
            OpenAPI openApi = Yaml31.mapper().readValue(in, OpenAPI.class);
            openApi.setSpecVersion(SpecVersion.V31);
            return openApi;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BASE, e);
        }
    }

    private static Operation documented(ApiDoc doc, Map<String, Schema> schemas) {
        Operation operation = new Operation().summary(doc.summary()).description(doc.description());
        if (doc.tag() != null) {
            operation.addTagsItem(doc.tag());
        }
        if (MLFLOW_PREFIX.matcher(doc.path()).find()) {
            operation.externalDocs(new ExternalDocumentation().url(MLFLOW_DOCS));
        }
        doc.query().forEach((name, parameter) -> operation.addParametersItem(new Parameter().name(name).in("query")
                .required(parameter.required()).schema(new JsonSchema().types(Set.of("string")))
                .description(blankToNull(parameter.meaning()))));
        if (!doc.requests().isEmpty()) {
            operation.requestBody(new RequestBody().required(true).content(content(doc.requests(), schemas)));
        }
        Content body = doc.responses().isEmpty() ? null : content(doc.responses(), schemas);
        ApiResponses responses = new ApiResponses().addApiResponse(String.valueOf(doc.status().code()),
                new ApiResponse().description(doc.status().meaning()).content(body));
        errors(responses, doc.path());
        doc.answers().forEach((code, meaning) -> responses.addApiResponse(String.valueOf(code), code >= 400
                ? blankToNull(meaning) == null ? new ApiResponse().$ref("#/components/responses/Error")
                        : new ApiResponse().description(meaning).content(jsonContent(ref("Error")))
                : new ApiResponse().description(blankToNull(meaning) == null ? "OK" : meaning)
                        .content(code < 300 ? body : null)));
        return operation.responses(responses);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A route its {@link Routes} does not document: listed, without a summary (a test refuses that). */
    private static Operation undocumented() {
        ApiResponses responses = new ApiResponses().addApiResponse("200", new ApiResponse().description("OK"));
        return new Operation().responses(errors(responses, ""));
    }

    /** 400 for every route, 404 for one naming a resource in its path. */
    private static ApiResponses errors(ApiResponses responses, String path) {
        responses.addApiResponse("400", new ApiResponse().$ref("#/components/responses/Error"));
        if (path.contains("{") || path.contains("<")) {
            responses.addApiResponse("404", new ApiResponse().$ref("#/components/responses/NotFound"));
        }
        return responses;
    }

    /** A PUBLIC route needs no credentials; any other answers 401 without them and 403 without its role. */
    private static void secure(Operation operation, Route route) {
        if (route.role() == Role.PUBLIC) {
            operation.setSecurity(List.of(new SecurityRequirement()));
        } else {
            operation.getResponses().addApiResponse("401", new ApiResponse().$ref("#/components/responses/Error"));
            operation.getResponses().addApiResponse("403", new ApiResponse().$ref("#/components/responses/Error"));
        }
        if (route.role() != null) {
            operation.addExtension("x-mlforge-role", route.role().name());
        }
    }

    /** The path's parameters, ahead of the query parameters the documentation names. */
    private static void parameters(Operation operation, String path) {
        List<Parameter> parameters = new java.util.ArrayList<>();
        Matcher matcher = PARAMETER.matcher(path);
        while (matcher.find()) {
            Parameter parameter = new Parameter().name(matcher.group(1)).in("path").required(true)
                    .schema(new JsonSchema().types(Set.of("string")));
            if (matcher.group(2).equals(">")) {
                parameter.description("a path that may hold slashes");
            }
            parameters.add(parameter);
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        operation.setParameters(parameters.isEmpty() ? null : parameters);
    }

    /** One media type per body: the alternatives a route reads or answers. */
    private static Content content(List<ApiDoc.Body> bodies, Map<String, Schema> schemas) {
        Content content = new Content();
        for (ApiDoc.Body body : bodies) {
            content.addMediaType(body.mediaType(), new MediaType().schema(schema(body, schemas)));
        }
        return content;
    }

    private static Schema<?> schema(ApiDoc.Body body, Map<String, Schema> schemas) {
        Schema<?> schema;
        if (body.type() != null) {
            schema = recordSchema(body.type(), schemas);
        } else if (BINARY.contains(body.mediaType())) {
            schema = new JsonSchema().types(Set.of("string")).contentEncoding("binary");
        } else if (body.mediaType().startsWith("application/json")) {
            schema = new JsonSchema().types(Set.of("object")).description("see the route's description");
        } else {
            schema = new JsonSchema().types(Set.of("string"));
        }
        return schema;
    }

    /** A reference to the record's schema, generated (with the schemas it refers to) into {@code schemas}. */
    private static Schema<?> recordSchema(Class<?> type, Map<String, Schema> schemas) {
        ResolvedSchema resolved = CONVERTERS.resolveAsResolvedSchema(new AnnotatedType(type));
        if (resolved == null || resolved.schema == null) {
            throw new IllegalStateException("No schema for " + type.getName());
        }
        if (resolved.referencedSchemas != null) {
            resolved.referencedSchemas.forEach((name, schema) -> addSchema(schemas, name, schema));
        }
        String name = resolved.schema.getName();
        if (name == null) {
            return resolved.schema;
        }
        addSchema(schemas, name, resolved.schema);
        return ref(name);
    }

    /** Schemas are named by the records' simple names: two different records of one name are refused, not mixed up. */
    private static void addSchema(Map<String, Schema> schemas, String name, Schema<?> schema) {
        Schema<?> earlier = schemas.putIfAbsent(name, schema);
        if (earlier != null && !earlier.equals(schema)) {
            throw new IllegalStateException("Two different records have the schema name " + name
                    + "; rename one or describe it otherwise");
        }
    }

    /** swagger-core's resolver for OpenAPI 3.1, naming a nested record after its enclosing type too. */
    private static ModelConverters converters() {
        ModelConverters converters = new ModelConverters(true);
        List.copyOf(converters.getConverters()).forEach(converters::removeConverter);
        converters.addConverter(new ModelResolver(Json31.mapper(), new NestedNames()).openapi31(true));
        return converters;
    }

    /** {@code ApiToken.Page} is {@code ApiTokenPage}, not a {@code Page} that {@code TransitionRequest.Page} would share. */
    private static final class NestedNames extends TypeNameResolver {
        @Override
        protected String getNameOfClass(Class<?> type) {
            String name = super.getNameOfClass(type);
            return type.getEnclosingClass() == null ? name : getNameOfClass(type.getEnclosingClass()) + name;
        }
    }

    private static Schema<?> ref(String name) {
        return new JsonSchema().$ref("#/components/schemas/" + name);
    }

    private static Content jsonContent(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }

    private static OpenApiDocument write(OpenAPI openApi) {
        try {
            JsonNode tree = Json31.mapper().valueToTree(openApi);
            return new OpenApiDocument(Yaml31.mapper().writeValueAsBytes(tree), Json.mapper().writeValueAsBytes(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the OpenAPI description", e);
        }
    }
}
