package dev.mlforge.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the {@code MLmodel} YAML file MLflow writes next to a logged model: its {@code flavors}, and its
 * {@code signature}, whose {@code inputs}, {@code outputs} and {@code params} MLflow stores as JSON strings.
 */
final class MlModelFile {
    static final String FILE_NAME = "MLmodel";
    private static final YAMLMapper YAML = new YAMLMapper();

    private MlModelFile() {}

    /** The metadata of the model directory {@code storagePath}; empty flavors and no signature without an MLmodel. */
    static ModelMetadata read(ArtifactRepository artifacts, String storagePath) {
        String file = storagePath.isEmpty() ? FILE_NAME : storagePath + "/" + FILE_NAME;
        if (!artifacts.isDirectory(storagePath) || !artifacts.exists(file)) {
            return new ModelMetadata(Json.mapper().createObjectNode(), null);
        }
        try (InputStream in = artifacts.read(file)) {
            return parse(YAML.readTree(in));
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("The MLmodel file at " + file + " is not valid YAML: " + e.getMessage());
        }
    }

    static ModelMetadata parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw MlforgeException.invalidParameter("The MLmodel file is not a YAML mapping");
        }
        JsonNode flavors = root.path("flavors");
        ObjectNode flavorNode = flavors.isObject() ? (ObjectNode) flavors.deepCopy() : Json.mapper().createObjectNode();
        JsonNode signature = root.get("signature");
        if (signature == null || !signature.isObject()) {
            return new ModelMetadata(flavorNode, null);
        }
        ObjectNode parsed = Json.mapper().createObjectNode();
        for (String part : new String[] {"inputs", "outputs", "params"}) {
            parsed.set(part, jsonString(signature.get(part), part));
        }
        return new ModelMetadata(flavorNode, parsed);
    }

    private static JsonNode jsonString(JsonNode value, String part) {
        if (value == null || value.isNull()) {
            return Json.mapper().nullNode();
        }
        if (!value.isTextual()) {
            return value;
        }
        try {
            return Json.mapper().readTree(value.asText());
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("The MLmodel signature " + part + " is not a JSON string: " + e.getMessage());
        }
    }
}
