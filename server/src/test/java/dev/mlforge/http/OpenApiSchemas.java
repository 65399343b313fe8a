package dev.mlforge.http;

import com.fasterxml.jackson.databind.JsonNode;

/** The schemas of an OpenAPI document as the tests walk them: a {@code $ref} followed to the component it names. */
record OpenApiSchemas(JsonNode document) {
    /** {@code schema} itself, or the component its {@code $ref} names (followed until one has no {@code $ref}). */
    JsonNode resolve(JsonNode schema) {
        String name = refName(schema);
        return name == null ? schema : resolve(document.path("components").path("schemas").path(name));
    }

    /** The name of the component {@code schema} refers to, or null when it is not a {@code $ref}. */
    static String refName(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }
}
