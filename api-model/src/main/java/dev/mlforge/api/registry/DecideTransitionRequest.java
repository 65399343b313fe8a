package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/v1/registry/transition-requests/{id}/approve} and {@code .../reject}.
 *
 * @param comment the decision's comment, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecideTransitionRequest(
        @JsonProperty("comment") String comment) {
}
