package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The JSON form of a {@link TrafficPolicy}, in the API and in the database:
 * {@code {"model_uri", "canary": {"model_uri", "weight"}, "shadow": {"model_uri"}, "sticky_header"}}.
 */
final class PolicyJson {
    /** The fields of a policy in a request body; a create request also names the deployment. */
    static final Set<String> FIELDS = Set.of("model_uri", "canary", "shadow", "sticky_header");
    private static final Set<String> CANARY_FIELDS = Set.of("model_uri", "weight");
    private static final Set<String> SHADOW_FIELDS = Set.of("model_uri");

    private PolicyJson() {}

    /**
     * Refuses a request body naming a field that is neither a policy field nor one of {@code extra}: a misspelt
     * field would otherwise be ignored and the change silently not made.
     */
    static void requireKnownFields(JsonNode body, String... extra) {
        List<String> allowed = new ArrayList<>(FIELDS);
        allowed.addAll(Arrays.asList(extra));
        unknownFields(body, "", allowed);
    }

    private static void unknownFields(JsonNode node, String prefix, java.util.Collection<String> allowed) {
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                unknown.add(prefix + field);
            }
        });
        if (!unknown.isEmpty()) {
            throw MlforgeException.invalidParameter("Unknown field" + (unknown.size() == 1 ? " " : "s ") + unknown
                    + " in the deployment request; known fields: " + allowed.stream().sorted().map(f -> prefix + f).toList());
        }
    }

    static ObjectNode toJson(TrafficPolicy policy) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("model_uri", policy.modelUri());
        if (policy.canaryUri() != null) {
            node.putObject("canary").put("model_uri", policy.canaryUri()).put("weight", policy.canaryPercent());
        }
        if (policy.shadowUri() != null) {
            node.putObject("shadow").put("model_uri", policy.shadowUri());
        }
        if (policy.stickyHeader() != null) {
            node.put("sticky_header", policy.stickyHeader());
        }
        return node;
    }

    static String write(TrafficPolicy policy) {
        return policy == null ? null : toJson(policy).toString();
    }

    /** The JSON array of {@code policies}, or null when there are none. */
    static String writeAll(List<TrafficPolicy> policies) {
        if (policies.isEmpty()) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ArrayNode array = Json.mapper().createArrayNode();
        policies.forEach(policy -> array.add(toJson(policy)));
        return array.toString();
    }

    /** Reads {@link #writeAll}'s array; a single object (one previous policy, the older form) reads as one. */
    static List<TrafficPolicy> readAll(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            JsonNode node = Json.mapper().readTree(json);
            List<TrafficPolicy> policies = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(policy -> policies.add(fromJson(policy, null)));
            } else {
                policies.add(fromJson(node, null));
            }
            return policies;
        } catch (IOException e) {
            throw MlforgeException.invalidState("Stored traffic policies are not JSON: " + e.getMessage());
        }
    }

    static TrafficPolicy read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return fromJson(Json.mapper().readTree(json), null);
        } catch (IOException e) {
            throw MlforgeException.invalidState("Stored traffic policy is not JSON: " + e.getMessage());
        }
    }

    /**
     * Reads a policy from a request; fields absent from {@code node} keep their value in {@code base} (a PATCH),
     * explicit nulls remove a canary, shadow or sticky header.
     */
    static TrafficPolicy fromJson(JsonNode node, TrafficPolicy base) {
        String modelUri = node.has("model_uri") ? text(node, "model_uri") : base == null ? null : base.modelUri();
        if (modelUri == null || modelUri.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'model_uri'");
        }
        String canaryUri = base == null ? null : base.canaryUri();
        int weight = base == null ? 0 : base.canaryPercent();
        if (node.has("canary")) {
            JsonNode canary = node.get("canary");
            if (canary.isObject()) {
                unknownFields(canary, "canary.", CANARY_FIELDS);
            }
            canaryUri = canary.isNull() ? null : text(canary, "model_uri");
            weight = canary.isNull() ? 0 : canary.path("weight").asInt(-1);
            if (canaryUri != null && (!canary.path("weight").isIntegralNumber() || weight < 0 || weight > 100)) {
                throw MlforgeException.invalidParameter("Parameter 'canary.weight' must be a whole number from 0 to 100, got "
                        + canary.path("weight"));
            }
            if (canary.isObject() && canaryUri == null) {
                throw MlforgeException.invalidParameter("Missing value for required parameter 'canary.model_uri'");
            }
        }
        String shadowUri = base == null ? null : base.shadowUri();
        if (node.has("shadow")) {
            JsonNode shadow = node.get("shadow");
            if (shadow.isObject()) {
                unknownFields(shadow, "shadow.", SHADOW_FIELDS);
            }
            shadowUri = shadow.isNull() ? null : text(shadow, "model_uri");
            if (shadow.isObject() && shadowUri == null) {
                throw MlforgeException.invalidParameter("Missing value for required parameter 'shadow.model_uri'");
            }
        }
        String sticky = node.has("sticky_header") ? text(node, "sticky_header") : base == null ? null : base.stickyHeader();
        return new TrafficPolicy(modelUri, canaryUri, weight, shadowUri, sticky == null || sticky.isBlank() ? null : sticky);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw MlforgeException.invalidParameter("Parameter '" + field + "' must be a string, got " + value);
        }
        return value.asText();
    }
}
