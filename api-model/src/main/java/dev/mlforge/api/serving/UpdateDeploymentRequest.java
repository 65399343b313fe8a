package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PATCH /api/v1/deployments/{name}}: a change to the traffic policy. A field absent from the body
 * keeps its value; an explicit JSON {@code null} for {@code canary}, {@code shadow} or {@code sticky_header} removes
 * it. The server refuses fields it does not know. Serialized, this record omits its null fields, so it only sends
 * changes (to remove a canary, send the JSON {@code {"canary": null}} directly).
 *
 * @param modelUri the new primary model, or null to keep it
 * @param canary the new canary, or null (see above)
 * @param shadow the new shadow, or null (see above)
 * @param stickyHeader the new sticky header, or null (see above)
 * @param features the online features the model reads, or null (see above)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateDeploymentRequest(
        @JsonProperty("model_uri") String modelUri,
        @JsonProperty("canary") CanarySpec canary,
        @JsonProperty("shadow") ShadowSpec shadow,
        @JsonProperty("sticky_header") String stickyHeader,
        @JsonProperty("features") DeploymentFeaturesSpec features) {

    /**
     * A change that leaves the online features as they are.
     *
     * @param modelUri the new primary model, or null to keep it
     * @param canary the new canary, or null
     * @param shadow the new shadow, or null
     * @param stickyHeader the new sticky header, or null
     */
    public UpdateDeploymentRequest(String modelUri, CanarySpec canary, ShadowSpec shadow, String stickyHeader) {
        this(modelUri, canary, shadow, stickyHeader, null);
    }
}
