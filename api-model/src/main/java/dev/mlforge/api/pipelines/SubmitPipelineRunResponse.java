package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of submitting a run: it runs in the background from now on.
 *
 * @param runId the new run's id
 * @param status {@code RUNNING}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubmitPipelineRunResponse(@JsonProperty("run_id") String runId, @JsonProperty("status") String status) {}
