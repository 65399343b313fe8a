package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row on which the primary and the shadow disagreed.
 *
 * @param requestId the request's id
 * @param row the row's index in the request, from 0
 * @param timestamp when the primary answered, milliseconds since the epoch
 * @param primaryVersion the primary model's version
 * @param shadowVersion the shadow model's version
 * @param primary the primary's prediction for the row
 * @param shadow the shadow's prediction for the row
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ShadowDisagreement(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("row") int row,
        @JsonProperty("timestamp") long timestamp,
        @JsonProperty("primary_version") String primaryVersion,
        @JsonProperty("shadow_version") String shadowVersion,
        @JsonProperty("primary") Object primary,
        @JsonProperty("shadow") Object shadow) {}
