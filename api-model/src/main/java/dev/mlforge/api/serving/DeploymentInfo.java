package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deployment as it runs now: its traffic policy, what the next rollback restores, and its loaded models.
 *
 * @param name the deployment's name
 * @param modelUri the primary model
 * @param canary the canary, or null for none
 * @param shadow the shadow, or null for none
 * @param stickyHeader the sticky header, or null for none
 * @param previousPolicy the policy the next rollback restores, or null before the first change
 * @param ready false until the deployment's models are loaded
 * @param versions the loaded version of each role ({@code primary}, {@code canary}, {@code shadow})
 * @param error why loading a model failed, or null
 * @param creationTimestamp when the deployment was created, milliseconds since the epoch
 * @param lastUpdatedTimestamp when its policy last changed, milliseconds since the epoch
 * @param features the online features requests carrying only entity keys are enriched with, or null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentInfo(
        @JsonProperty("name") String name,
        @JsonProperty("model_uri") String modelUri,
        @JsonProperty("canary") CanarySpec canary,
        @JsonProperty("shadow") ShadowSpec shadow,
        @JsonProperty("sticky_header") String stickyHeader,
        @JsonProperty("previous_policy") TrafficPolicySpec previousPolicy,
        @JsonProperty("ready") boolean ready,
        @JsonProperty("versions") Map<String, String> versions,
        @JsonProperty("error") String error,
        @JsonProperty("creation_timestamp") long creationTimestamp,
        @JsonProperty("last_updated_timestamp") long lastUpdatedTimestamp,
        @JsonProperty("features") DeploymentFeaturesSpec features) {

    /**
     * Copies {@code versions}, keeping their order; absent versions read as none.
     *
     * @param name the deployment's name
     * @param modelUri the primary model
     * @param canary the canary
     * @param shadow the shadow
     * @param stickyHeader the sticky header
     * @param previousPolicy what the next rollback restores
     * @param ready whether the models are loaded
     * @param versions the loaded version of each role
     * @param error why loading failed
     * @param creationTimestamp creation time
     * @param lastUpdatedTimestamp last change time
     * @param features the online features
     */
    public DeploymentInfo {
        versions = versions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /**
     * A deployment without online features.
     *
     * @param name the deployment's name
     * @param modelUri the primary model
     * @param canary the canary
     * @param shadow the shadow
     * @param stickyHeader the sticky header
     * @param previousPolicy what the next rollback restores
     * @param ready whether the models are loaded
     * @param versions the loaded version of each role
     * @param error why loading failed
     * @param creationTimestamp creation time
     * @param lastUpdatedTimestamp last change time
     */
    public DeploymentInfo(String name, String modelUri, CanarySpec canary, ShadowSpec shadow, String stickyHeader,
            TrafficPolicySpec previousPolicy, boolean ready, Map<String, String> versions, String error,
            long creationTimestamp, long lastUpdatedTimestamp) {
        this(name, modelUri, canary, shadow, stickyHeader, previousPolicy, ready, versions, error, creationTimestamp,
                lastUpdatedTimestamp, null);
    }
}
