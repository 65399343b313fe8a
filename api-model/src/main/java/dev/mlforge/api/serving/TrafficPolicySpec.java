package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a deployment sends its requests, as a deployment's history shows its current and earlier policies.
 *
 * @param modelUri the primary model, e.g. {@code models:/fraud/3} or {@code models:/fraud@champion}
 * @param canary a second model taking part of the traffic, or null for none
 * @param shadow a model receiving a mirrored copy of each request, or null for none
 * @param stickyHeader a request header whose value pins a caller to the primary or the canary, or null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficPolicySpec(
        @JsonProperty("model_uri") String modelUri,
        @JsonProperty("canary") CanarySpec canary,
        @JsonProperty("shadow") ShadowSpec shadow,
        @JsonProperty("sticky_header") String stickyHeader,
        @JsonProperty("features") DeploymentFeaturesSpec features) {

    /**
     * A policy without online features.
     *
     * @param modelUri the primary model
     * @param canary the canary, or null
     * @param shadow the shadow, or null
     * @param stickyHeader the sticky header, or null
     */
    public TrafficPolicySpec(String modelUri, CanarySpec canary, ShadowSpec shadow, String stickyHeader) {
        this(modelUri, canary, shadow, stickyHeader, null);
    }
}
