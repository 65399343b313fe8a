package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request schemas of the bodies the server reads field by field (the feature store's definitions and requests,
 * Feast's {@code /get-online-features}, MLflow's {@code /invocations}) are what those readers accept, so that the
 * description cannot drift from the code: a definition's unknown field is refused with the list of the fields it
 * allows, which must be its schema's properties; a lenient reader answers examples that together use every property
 * its schema names, and answers the same when a field the schema does not name is added (it ignores it).
 */
class OpenApiHandParsedBodiesTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite();

    private static final String UNDOCUMENTED = "zz_undocumented";
    private static final Pattern ALLOWED = Pattern.compile("unknown field '" + UNDOCUMENTED + "'[^(]*\\(allowed: ([^)]*)\\)",
            Pattern.CASE_INSENSITIVE);
    private static final String ENTITIES = "\"entities\": {\"driver_id\": [1001, 1002]}";

    private static JsonNode document;

    @BeforeAll
    static void apply_a_view_deploy_a_model_and_read_the_description() throws Exception {
        Files.createDirectories(server.dataDir().resolve("features"));
        Files.writeString(server.dataDir().resolve("features/drivers.csv"),
                "driver_id,event_timestamp,trips\n1001,2024-01-01T00:00:00Z,10\n1002,2024-01-02T00:00:00Z,20\n");
        Files.writeString(server.dataDir().resolve("features/rows.csv"),
                "driver_id,event_timestamp\n1001,2024-02-01T00:00:00Z\n");
        server.http().post("/api/v1/features/apply", Map.of(
                "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of("name", "stats", "entities", List.of("driver"),
                        "source", Map.of("path", "features/drivers.csv"), "timestamp_field", "event_timestamp",
                        "features", List.of(Map.of("name", "trips", "dtype", "Int64")))),
                "feature_services", List.of(Map.of("name", "svc", "features", List.of("stats:trips"))))).json(200);
        server.http().post("/api/v1/feature-views/stats/materialize", Map.of()).json(200);
        LoggedModels models = new LoggedModels(server);
        models.registerModel("iris", Path.of(OpenApiHandParsedBodiesTest.class.getResource("/serving/models/iris_logreg.onnx")
                .toURI()));
        models.deploy("d", "models:/iris/1").ok();
        document = server.http().get("/api/openapi.json").json();
    }

    @Test
    void a_definitions_unknown_field_is_refused_listing_exactly_its_schemas_properties() {
        String entity = "{\"name\": \"e\", \"join_key\": \"k\"}";
        String view = "{\"name\": \"v\", \"entities\": [\"driver\"], \"features\": [{\"name\": \"trips\", \"dtype\": \"Int64\"}],"
                + " \"source\": {\"path\": \"features/drivers.csv\"}, \"timestamp_field\": \"event_timestamp\"}";
        assertAllowedIs("POST /api/v1/features/apply", "{\"entities\": []}", "");
        assertAllowedIs("POST /api/v1/entities", entity, "");
        assertAllowedIs("POST /api/v1/feature-views", view, "");
        assertAllowedIs("POST /api/v1/feature-views", view, "/source");
        assertAllowedIs("POST /api/v1/feature-services", "{\"name\": \"s\", \"features\": [\"stats:trips\"]}", "");
    }

    @Test
    void feasts_lookup_accepts_every_documented_field_and_ignores_the_others() throws Exception {
        assertLenient("POST /get-online-features",
                "{\"features\": [\"stats:trips\"], " + ENTITIES + ", \"full_feature_names\": true}",
                "{\"feature_service\": \"svc\", " + ENTITIES + ", \"full_feature_names\": false}");
    }

    @Test
    void invocations_accept_every_documented_field_and_ignore_the_others() throws Exception {
        assertLenient("POST /api/v1/deployments/d/invocations",
                "{\"dataframe_split\": {\"columns\": [\"a\", \"b\", \"c\", \"d\"], \"data\": [[5.1, 3.5, 1.4, 0.2]],"
                        + " \"index\": [0]}, \"params\": {}}",
                "{\"dataframe_records\": [{\"a\": 5.1, \"b\": 3.5, \"c\": 1.4, \"d\": 0.2}], \"params\": {}}",
                "{\"instances\": [[5.1, 3.5, 1.4, 0.2]], \"params\": {}}",
                "{\"inputs\": [[5.1, 3.5, 1.4, 0.2]], \"params\": {}}");
    }

    @Test
    void the_views_own_requests_accept_every_documented_field_and_ignore_the_others() throws Exception {
        assertLenient("POST /api/v1/feature-views/stats/online",
                "{" + ENTITIES + ", \"features\": [\"trips\"], \"full_feature_names\": true}");
        assertLenient("POST /api/v1/feature-views/training-set",
                "{\"dataset_name\": \"ts\", \"features\": [\"stats:trips\"], \"entity_rows\": [{\"driver_id\": 1001,"
                        + " \"at\": \"2024-02-01T00:00:00Z\"}], \"event_timestamp_column\": \"at\", \"full_feature_names\": true}",
                "{\"dataset_name\": \"ts\", \"feature_service\": \"svc\", \"entity_path\": \"features/rows.csv\"}",
                "{\"dataset_name\": \"ts2\", \"features\": [\"stats\"], \"entity_dataset\": {\"name\": \"ts\", \"version\": 1},"
                        + " \"event_timestamp_column\": \"at\"}");
        assertLenient("POST /api/v1/feature-views/stats/drift", "{\"reference\": {\"dataset\": \"ts2\", \"version\": 1}}");
    }

    @Test
    void the_feature_fields_dtypes_are_the_readers() {
        JsonNode dtype = document.at("/components/schemas/FeatureFieldSpec/properties/dtype/enum");
        List<String> documented = new ArrayList<>();
        dtype.forEach(value -> documented.add(value.asText()));
        assertThat(documented).isEqualTo(dev.mlforge.features.FeatureField.DTYPES);
    }

    /** The body sent with an undocumented field at {@code pointer} is refused, naming exactly the schema's properties. */
    private static void assertAllowedIs(String route, String example, String pointer) {
        JsonNode body = parse(example);
        ((ObjectNode) (pointer.isEmpty() ? body : body.at(pointer))).put(UNDOCUMENTED, 1);
        TestHttp.Response response = send(route, body);
        assertThat(response.status()).as(route + " " + response.body()).isEqualTo(400);
        Matcher allowed = ALLOWED.matcher(response.json().path("message").asText());
        assertThat(allowed.find()).as(response.body()).isTrue();
        JsonNode schema = requestSchema(route);
        for (String segment : pointer.split("/")) {
            schema = segment.isEmpty() ? schema : resolve(schema).path("properties").path(segment);
        }
        List<String> properties = new ArrayList<>();
        resolve(schema).path("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(Arrays.asList(allowed.group(1).split(", "))).as(route + pointer)
                .containsExactlyInAnyOrderElementsOf(properties);
    }

    /**
     * Every example is answered 2xx, and the same with an undocumented field added; together they use every property
     * the route's schema names (in its alternatives and nested objects).
     */
    private static void assertLenient(String route, String... examples) {
        Set<String> used = new TreeSet<>();
        for (String example : examples) {
            JsonNode body = parse(example);
            TestHttp.Response answer = send(route, body);
            assertThat(answer.status()).as(route + " " + example + ": " + answer.body()).isBetween(200, 299);
            ObjectNode more = body.deepCopy();
            more.put(UNDOCUMENTED, 1);
            TestHttp.Response ignoring = send(route, more);
            assertThat(ignoring.status()).as(route + " with " + UNDOCUMENTED + ": " + ignoring.body()).isEqualTo(answer.status());
            if (!route.endsWith("/training-set")) { // a training set answers the dataset version it registered
                assertThat(ignoring.json()).as(route + " with " + UNDOCUMENTED).isEqualTo(answer.json());
            }
            used(body, requestSchema(route), used);
        }
        Set<String> documented = new TreeSet<>();
        documented(requestSchema(route), documented, new TreeSet<>());
        assertThat(used).as(route + ": the properties the examples use").isEqualTo(documented);
    }

    /** The {@code Schema.property} names {@code node} uses, following the alternative it is of. */
    private static void used(JsonNode node, JsonNode schema, Set<String> used) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("oneOf")) {
            for (JsonNode alternative : resolved.get("oneOf")) {
                boolean matches = true;
                for (JsonNode required : resolve(alternative).path("required")) {
                    matches &= node.has(required.asText());
                }
                if (matches) {
                    used(node, alternative, used);
                    return;
                }
            }
            throw new AssertionError("none of the alternatives of " + schema + ": " + node);
        }
        if (!node.isObject() || !resolved.has("properties")) {
            return; // a value, or a map of the caller's names (entity columns, parameters)
        }
        node.fields().forEachRemaining(field -> {
            JsonNode property = resolved.path("properties").path(field.getKey());
            assertThat(property.isMissingNode()).as("an example's field '" + field.getKey() + "' is in the schema").isFalse();
            used.add(OpenApiSchemas.refName(schema) + "." + field.getKey());
            used(field.getValue(), property, used);
        });
    }

    /** Every {@code Schema.property} of {@code schema}, its alternatives and the objects its properties refer to. */
    private static void documented(JsonNode schema, Set<String> documented, Set<String> seen) {
        String name = OpenApiSchemas.refName(schema);
        if (name != null && !seen.add(name)) {
            return;
        }
        JsonNode resolved = resolve(schema);
        resolved.path("oneOf").forEach(alternative -> documented(alternative, documented, seen));
        resolved.path("properties").fields().forEachRemaining(property -> {
            documented.add(name + "." + property.getKey());
            documented(property.getValue(), documented, seen);
        });
    }

    private static JsonNode requestSchema(String route) {
        String path = route.substring(route.indexOf(' ') + 1).replace("/stats/", "/{name}/").replace("/d/", "/{name}/");
        JsonNode schema = document.path("paths").path(path).path(route.substring(0, route.indexOf(' '))
                .toLowerCase(java.util.Locale.ROOT)).at("/requestBody/content/application~1json/schema");
        assertThat(schema.isMissingNode()).as(route + " has a JSON request schema").isFalse();
        return schema;
    }

    private static TestHttp.Response send(String route, JsonNode body) {
        return server.http().send(route.substring(0, route.indexOf(' ')), route.substring(route.indexOf(' ') + 1),
                "application/json", body.toString());
    }

    private static JsonNode resolve(JsonNode schema) {
        return new OpenApiSchemas(document).resolve(schema);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
