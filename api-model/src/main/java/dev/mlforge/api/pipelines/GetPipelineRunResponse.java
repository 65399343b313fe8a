package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /api/v1/pipelines/runs/{run_id}}.
 *
 * @param run the run with each of its steps
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GetPipelineRunResponse(@JsonProperty("run") PipelineRun run) {}
