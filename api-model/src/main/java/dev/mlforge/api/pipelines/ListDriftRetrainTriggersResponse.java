package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/pipelines/triggers}.
 *
 * @param triggers every drift trigger, by deployment
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListDriftRetrainTriggersResponse(@JsonProperty("triggers") List<DriftRetrainTrigger> triggers) {}
