package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /api/v1/alerts/{id}}.
 *
 * @param alert the alert
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertResponse(
        @JsonProperty("alert") AlertInfo alert) {}
