package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A column's own drift method and/or threshold; an absent field keeps the automatic choice.
 *
 * @param method the drift method ({@code ks}, {@code psi}, {@code wasserstein}, ...), or null
 * @param threshold the threshold the column's score is compared with, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnOverrideSpec(
        @JsonProperty("method") String method,
        @JsonProperty("threshold") Double threshold) {}
