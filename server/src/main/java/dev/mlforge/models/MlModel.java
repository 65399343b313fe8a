package dev.mlforge.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code MLmodel} YAML file MLflow writes next to a model, read and written only here: its {@code flavors}
 * (which loader serves it), its {@code signature}, whose {@code inputs}, {@code outputs} and {@code params} MLflow
 * stores as JSON strings, and its {@code metadata}.
 *
 * @param document the whole file as a YAML mapping (a private copy)
 */
public record MlModel(ObjectNode document) {
    public static final String FILE_NAME = "MLmodel";
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String[] SIGNATURE_PARTS = {"inputs", "outputs", "params"};

    public MlModel {
        document = document.deepCopy();
    }

    /**
     * The file {@code root} read as YAML.
     *
     * @throws MlforgeException INVALID_PARAMETER_VALUE when it is not a mapping
     */
    public static MlModel of(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw MlforgeException.invalidParameter("The MLmodel file is not a YAML mapping");
        }
        return new MlModel((ObjectNode) root);
    }

    /** A file to write, from its fields in the order they are to appear. */
    public static MlModel of(Map<String, Object> fields) {
        return of((JsonNode) YAML.valueToTree(fields));
    }

    /** Reads the YAML of {@code in}; IOException when it is not YAML, INVALID_PARAMETER_VALUE when not a mapping. */
    public static MlModel read(InputStream in) throws IOException {
        return of(YAML.readTree(in));
    }

    /** Reads the {@code MLmodel} file {@code file}; see {@link #read(InputStream)}. */
    public static MlModel read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** True when {@code directory} holds an {@code MLmodel} file. */
    public static boolean isModelDirectory(Path directory) {
        return Files.isRegularFile(directory.resolve(FILE_NAME));
    }

    /** Writes this file as {@code MLmodel} in {@code directory}; returns its path. */
    public Path writeTo(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        Files.writeString(file, YAML.writeValueAsString(document));
        return file;
    }

    /** The {@code flavors} mapping (e.g. {@code onnx}, {@code python_function}); empty when there is none. */
    public ObjectNode flavors() {
        JsonNode flavors = document.path("flavors");
        return flavors.isObject() ? ((ObjectNode) flavors).deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    /** The flavor's settings, or a missing node when the model has no such flavor. */
    public JsonNode flavor(String name) {
        return document.path("flavors").path(name);
    }

    /**
     * {@code {"inputs": [...], "outputs": [...], "params": ...}} with the specs parsed from MLflow's JSON strings
     * (a part given as YAML is kept as it is, a missing part is null), or null when the model has no signature.
     *
     * @throws MlforgeException INVALID_PARAMETER_VALUE when a part is a string that is not JSON
     */
    public ObjectNode signature() {
        JsonNode signature = document.get("signature");
        if (signature == null || !signature.isObject()) {
            return null;
        }
        ObjectNode parsed = Json.mapper().createObjectNode();
        for (String part : SIGNATURE_PARTS) {
            parsed.set(part, jsonString(signature.get(part), part));
        }
        return parsed;
    }

    /** The {@code metadata.feature_names} list that mlforge's trainers write; empty when absent. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        document.path("metadata").path("feature_names").forEach(name -> names.add(name.asText()));
        return names;
    }

    /** {@code metadata.task} ({@code classification}, {@code regression}...) that mlforge's trainers write; "" when absent. */
    public String task() {
        return document.path("metadata").path("task").asText("");
    }

    /** {@code metadata.output_labels}: a classifier's class names in model output order; empty when absent. */
    public List<String> outputLabels() {
        List<String> labels = new ArrayList<>();
        document.path("metadata").path("output_labels").forEach(label -> labels.add(label.asText()));
        return labels;
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
