package dev.mlforge.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a version's {@code MLmodel} file declares, so that serving can pick a loader and validate requests.
 *
 * @param flavors   the {@code flavors} mapping (e.g. {@code onnx}, {@code python_function}); an empty object when the
 *                  version has no MLmodel file
 * @param signature {@code {"inputs": [...], "outputs": [...], "params": ...}} with the column specs parsed from
 *                  MLflow's JSON strings, or null when the model has no signature
 */
public record ModelMetadata(JsonNode flavors, JsonNode signature) {

    /** What is known of a version without an MLmodel file (its files have not arrived, or it is a prompt). */
    static ModelMetadata none() {
        return new ModelMetadata(dev.mlforge.http.Json.mapper().createObjectNode(), null);
    }
}
