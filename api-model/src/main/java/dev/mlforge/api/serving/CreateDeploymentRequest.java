package dev.mlforge.api.serving;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/deployments}: a new deployment and its traffic policy. The server refuses fields
 * it does not know (a misspelt field would otherwise be silently ignored).
 *
 * @param name the deployment's name (required)
 * @param modelUri the primary model, e.g. {@code models:/fraud/3} (required)
 * @param canary a second model taking part of the traffic, or null for none
 * @param shadow a model receiving a mirrored copy of each request, or null for none
 * @param stickyHeader a request header whose value pins a caller to the primary or the canary, or null for none
 * @param features the online features a request carrying only entity keys is enriched with, or null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateDeploymentRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("model_uri") String modelUri,
        @JsonProperty("canary") CanarySpec canary,
        @JsonProperty("shadow") ShadowSpec shadow,
        @JsonProperty("sticky_header") String stickyHeader,
        @JsonProperty("features") DeploymentFeaturesSpec features) {

    /**
     * A deployment without online features.
     *
     * @param name the deployment's name
     * @param modelUri the primary model
     * @param canary the canary, or null
     * @param shadow the shadow, or null
     * @param stickyHeader the sticky header, or null
     */
    public CreateDeploymentRequest(String name, String modelUri, CanarySpec canary, ShadowSpec shadow, String stickyHeader) {
        this(name, modelUri, canary, shadow, stickyHeader, null);
    }

    /**
     * A deployment serving one model.
     *
     * @param name the deployment's name
     * @param modelUri the model
     * @return the request
     */
    public static CreateDeploymentRequest of(String name, String modelUri) {
        return new CreateDeploymentRequest(name, modelUri, null, null, null);
    }
}
