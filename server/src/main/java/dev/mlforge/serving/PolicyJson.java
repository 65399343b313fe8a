package dev.mlforge.serving;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.serving.CanarySpec;
import dev.mlforge.api.serving.DeploymentFeaturesSpec;
import dev.mlforge.api.serving.ShadowSpec;
import dev.mlforge.api.serving.TrafficPolicySpec;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.io.IOException;
import java.util.List;

/**
 * A {@link TrafficPolicy} and its wire form {@link TrafficPolicySpec}, in the API and in the database:
 * {@code {"model_uri", "canary": {"model_uri", "weight"}, "shadow": {"model_uri"}, "sticky_header"}}.
 */
final class PolicyJson {
    private static final TypeReference<List<TrafficPolicySpec>> SPECS = new TypeReference<>() {};

    private PolicyJson() {}

    static TrafficPolicySpec toSpec(TrafficPolicy policy) {
        return new TrafficPolicySpec(policy.modelUri(),
                policy.canaryUri() == null ? null : new CanarySpec(policy.canaryUri(), policy.canaryPercent()),
                policy.shadowUri() == null ? null : new ShadowSpec(policy.shadowUri()), policy.stickyHeader(),
                features(policy.features()));
    }

    static DeploymentFeaturesSpec features(InputFeatures features) {
        return features == null ? null : new DeploymentFeaturesSpec(features.featureService(),
                features.features().isEmpty() ? null : features.features(), features.inputs().isEmpty() ? null : features.inputs(),
                features.defaults().isEmpty() ? null : features.defaults());
    }

    private static InputFeatures features(DeploymentFeaturesSpec spec) {
        return spec == null ? null : new InputFeatures(spec.featureService(), spec.features(), spec.inputs(), spec.defaults());
    }

    static String write(TrafficPolicy policy) {
        return policy == null ? null : writeJson(toSpec(policy));
    }

    /** The JSON array of {@code policies}, or null when there are none. */
    static String writeAll(List<TrafficPolicy> policies) {
        return policies.isEmpty() ? null : writeJson(policies.stream().map(PolicyJson::toSpec).toList());
    }

    private static String writeJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw MlforgeException.invalidState("Cannot write a traffic policy: " + e.getMessage());
        }
    }

    /** Reads {@link #writeAll}'s array; a single object (one previous policy, the older form) reads as one. */
    static List<TrafficPolicy> readAll(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            if (json.stripLeading().startsWith("[")) {
                return Json.mapper().readValue(json, SPECS).stream().map(spec -> policy(spec, null, Changes.ALL)).toList();
            }
            return List.of(policy(Json.mapper().readValue(json, TrafficPolicySpec.class), null, Changes.ALL));
        } catch (IOException e) {
            throw MlforgeException.invalidState("Stored traffic policies are not JSON: " + e.getMessage());
        }
    }

    static TrafficPolicy read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return policy(Json.mapper().readValue(json, TrafficPolicySpec.class), null, Changes.ALL);
        } catch (IOException e) {
            throw MlforgeException.invalidState("Stored traffic policy is not JSON: " + e.getMessage());
        }
    }

    /** Which of a request's optional fields were sent: an absent one keeps its value, a sent null removes it. */
    record Changes(boolean modelUri, boolean canary, boolean shadow, boolean stickyHeader, boolean features) {
        /** A whole policy: every field is given (absent ones are none). */
        static final Changes ALL = new Changes(true, true, true, true, true);

        /** The fields a PATCH body names (a sent null counts: it removes). */
        static Changes sentIn(JsonNode body) {
            return new Changes(body.has("model_uri"), body.has("canary"), body.has("shadow"), body.has("sticky_header"),
                    body.has("features"));
        }
    }

    /**
     * The policy {@code spec} describes; fields {@code changes} marks as not sent keep their value in {@code base}
     * (a PATCH), sent nulls remove a canary, shadow or sticky header.
     */
    static TrafficPolicy policy(TrafficPolicySpec spec, TrafficPolicy base, Changes changes) {
        String modelUri = changes.modelUri() || base == null ? spec.modelUri() : base.modelUri();
        if (modelUri == null || modelUri.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'model_uri'");
        }
        String canaryUri = base == null ? null : base.canaryUri();
        int weight = base == null ? 0 : base.canaryPercent();
        if (changes.canary() || base == null) {
            CanarySpec canary = spec.canary();
            canaryUri = canary == null ? null : canary.modelUri();
            weight = canary == null || canary.weight() == null ? 0 : canary.weight();
            if (canary != null && canaryUri != null && (canary.weight() == null || weight < 0 || weight > 100)) {
                throw MlforgeException.invalidParameter("Parameter 'canary.weight' must be a whole number from 0 to 100, got "
                        + canary.weight());
            }
            if (canary != null && canaryUri == null) {
                throw MlforgeException.invalidParameter("Missing value for required parameter 'canary.model_uri'");
            }
        }
        String shadowUri = base == null ? null : base.shadowUri();
        if (changes.shadow() || base == null) {
            shadowUri = spec.shadow() == null ? null : spec.shadow().modelUri();
            if (spec.shadow() != null && shadowUri == null) {
                throw MlforgeException.invalidParameter("Missing value for required parameter 'shadow.model_uri'");
            }
        }
        String sticky = changes.stickyHeader() || base == null ? spec.stickyHeader() : base.stickyHeader();
        InputFeatures features = changes.features() || base == null ? features(spec.features()) : base.features();
        return new TrafficPolicy(modelUri, canaryUri, weight, shadowUri, sticky == null || sticky.isBlank() ? null : sticky,
                features);
    }
}
