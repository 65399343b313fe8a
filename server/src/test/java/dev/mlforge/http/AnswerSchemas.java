package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds the answers of a running server to its OpenAPI description: each call's JSON answer is walked, nested objects
 * and list elements included, and every field must be a property of the schema documented for the operation's success
 * answer, which must be a record's schema ({@code $ref}). What does not match is collected, for the test to assert.
 */
final class AnswerSchemas {
    private final TestHttp http;
    private final JsonNode document;
    private final List<String> failures = new ArrayList<>();
    private final Set<String> checked = new TreeSet<>();

    AnswerSchemas(TestHttp http) {
        this.http = http;
        this.document = http.get("/api/openapi.json").json(200);
    }

    /** What did not match so far: a field no schema names, or an answer not documented by a record. */
    List<String> failures() {
        return failures;
    }

    /** The operations whose answers were checked, as {@code "METHOD /documented/path"}. */
    Set<String> checked() {
        return checked;
    }

    /** The fields of {@code answer} that the schema {@code name} does not describe. */
    List<String> mismatches(JsonNode answer, String name) {
        List<String> found = new ArrayList<>();
        fields(answer, Json.mapper().createObjectNode().put("$ref", "#/components/schemas/" + name), "", found);
        return found;
    }

    /** Calls the route, expects 200 and checks its JSON answer against the operation's documented answer schema. */
    JsonNode call(String method, String pathAndQuery, Object body) {
        TestHttp.Response response = http.send(method, pathAndQuery, body == null ? null : "application/json", body);
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
    private String template(String path) {
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
    private void fields(JsonNode value, JsonNode schema, String pointer, List<String> found) {
        String name = OpenApiSchemas.refName(schema);
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
    private void alternative(JsonNode value, List<JsonNode> alternatives, String pointer, List<String> found) {
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

    private JsonNode resolve(JsonNode schema) {
        return new OpenApiSchemas(document).resolve(schema);
    }
}
