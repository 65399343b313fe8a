package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replays what the MLflow 3.11 client sent and MLflow 3.11's server answered (fixtures under
 * {@code golden/registry/}) against a running mlforge over HTTP, on whichever store the extension started.
 */
final class MlflowThreeGolden {
    private MlflowThreeGolden() {}

    static JsonNode fixture(String name) {
        try (InputStream in = MlflowThreeGolden.class.getResourceAsStream("/golden/registry/" + name)) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entities of the search fixture: models a, b (tag x=1, version tag x=1), c (tag x=2), and prompt p. */
    static void createSearchEntities(ApplicationExtension server) {
        TestHttp http = server.http();
        http.post(API + "registered-models/create", Map.of("name", "a")).ok();
        http.post(API + "registered-models/create", Map.of("name", "b", "tags", List.of(tag("x", "1")))).ok();
        http.post(API + "registered-models/create", Map.of("name", "c", "tags", List.of(tag("x", "2")))).ok();
        http.post(API + "model-versions/create", Map.of("name", "a", "source", "s3://bucket/m")).ok();
        http.post(API + "model-versions/create", Map.of("name", "b", "source", "s3://bucket/m", "tags", List.of(tag("x", "1")))).ok();
        http.post(API + "model-versions/create", Map.of("name", "c", "source", "s3://bucket/m")).ok();
        // What mlflow.genai.register_prompt(name="p", template="Hello {{name}}") sends.
        http.post(API + "registered-models/create", Map.of("name", "p", "tags", List.of(tag("mlflow.prompt.is_prompt", "true")))).ok();
        http.post(API + "model-versions/create", Map.of("name", "p", "source", "dummy-source", "tags", List.of(
                tag("mlflow.prompt.is_prompt", "true"), tag("_mlflow_prompt_type", "text"),
                tag("mlflow.prompt.text", "Hello {{name}}")))).ok();
    }

    /** Each search of the fixture whose answer differs from MLflow's, as a readable line; empty when all match. */
    static List<String> searchDifferences(ApplicationExtension server) {
        List<String> differences = new ArrayList<>();
        for (JsonNode search : fixture("mlflow3_search_semantics.json").get("searches")) {
            String entity = search.get("entity").asText();
            String path = API + (entity.equals("registered_models") ? "registered-models" : "model-versions") + "/search";
            TestHttp.Response response = server.http().get(path + "?max_results=1000&filter="
                    + MlflowRegistryApiTest.enc(search.get("filter").asText()));
            String expected = search.has("names") ? "200 " + text(search.get("names"))
                    : search.get("status").asInt() + " " + search.get("error_code").asText();
            String actual = response.status() == 200 ? "200 " + names(response.json().path(entity), entity)
                    : response.status() + " " + response.errorCode();
            if (!expected.equals(actual)) {
                differences.add(entity + " [" + search.get("filter").asText() + "]: MLflow " + expected + ", mlforge " + actual);
            }
        }
        return differences;
    }

    /**
     * Replays the prompt exchange and compares, per answer, what the client reads: status and error code, names,
     * versions, sources, run ids and links, tags (as a set), aliases and templates. Searches compare the names they list.
     */
    static List<String> promptDifferences(ApplicationExtension server) {
        List<String> differences = new ArrayList<>();
        for (JsonNode exchange : fixture("mlflow3_prompt_exchange.json").get("exchanges")) {
            String method = exchange.get("method").asText();
            String path = exchange.get("path").asText();
            JsonNode request = exchange.get("request");
            TestHttp.Response response = request == null || request.isNull()
                    ? server.http().send(method, path, "application/json", null)
                    : server.http().send(method, path, "application/json", request.toString());
            String expected = projection(exchange.get("status").asInt(), exchange.get("response"));
            String actual = projection(response.status(), response.status() == 200 || response.status() >= 400
                    ? response.json() : Json.mapper().createObjectNode());
            if (!expected.equals(actual)) {
                differences.add(method + " " + path + ": MLflow " + expected + ", mlforge " + actual);
            }
        }
        return differences;
    }

    private static String projection(int status, JsonNode body) {
        if (status >= 400) {
            return "error " + status + " " + body.path("error_code").asText();
        }
        Map<String, Object> seen = new TreeMap<>();
        if (body.has("registered_model")) {
            seen.put("model", model(body.get("registered_model")));
        }
        if (body.has("model_version")) {
            seen.put("version", version(body.get("model_version")));
        }
        if (body.has("registered_models") || body.isEmpty()) {
            seen.put("names", names(body.path("registered_models"), "registered_models"));
        }
        return status + " " + seen;
    }

    private static String model(JsonNode model) {
        return model.get("name").asText() + " tags=" + tags(model.path("tags")) + " aliases=" + model.path("aliases")
                + " latest=" + model.path("latest_versions").findValuesAsText("version");
    }

    private static String version(JsonNode version) {
        // run_id and run_link as JSON: a version registered without them reads back "" from MLflow, not null or without the field.
        return version.get("name").asText() + "/" + version.get("version").asText() + " source=" + version.get("source").asText()
                + " run_id=" + version.path("run_id") + " run_link=" + version.path("run_link") + " tags=" + tags(version.path("tags")) + " aliases=" + version.path("aliases");
    }

    private static String tags(JsonNode tags) {
        TreeSet<String> set = new TreeSet<>();
        tags.forEach(tag -> set.add(tag.get("key").asText() + "=" + tag.path("value").asText()));
        return set.toString();
    }

    /** Names (and versions) of a search page, keeping only the entities the fixture's run created (suffix x4 or one letter). */
    private static String names(JsonNode items, String entity) {
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode item : items) {
            String name = item.get("name").asText();
            if (name.length() == 1 || name.endsWith("x4")) {
                names.add(entity.equals("model_versions") ? name + "/" + item.get("version").asText() : name);
            }
        }
        return names.toString();
    }

    private static String text(JsonNode array) {
        TreeSet<String> names = new TreeSet<>();
        array.forEach(name -> names.add(name.asText()));
        return names.toString();
    }

    private static Map<String, String> tag(String key, String value) {
        return Map.of("key", key, "value", value);
    }
}
