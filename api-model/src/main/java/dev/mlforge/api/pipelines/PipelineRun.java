package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One pipeline run as the server records it.
 *
 * @param runId the run's id, 32 hex characters
 * @param pipelineName the {@code name} of the pipeline definition
 * @param status {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param trigger how it started: {@code api}, {@code api:<label>}, {@code cli}, {@code schedule:<name>} or
 *     {@code drift:<deployment>}
 * @param params the parameters it was submitted with
 * @param trackingRunId the parent tracking run (each step is a child run of it), once known
 * @param message why the run failed before its steps could report it, or null
 * @param startedAt when it was submitted, ISO-8601
 * @param endedAt when it ended, ISO-8601, or null while it runs
 * @param steps each step in the pipeline's order; empty in listings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineRun(
        @JsonProperty("run_id") String runId,
        @JsonProperty("pipeline_name") String pipelineName,
        @JsonProperty("status") String status,
        @JsonProperty("trigger") String trigger,
        @JsonProperty("params") Map<String, String> params,
        @JsonProperty("tracking_run_id") String trackingRunId,
        @JsonProperty("message") String message,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("ended_at") String endedAt,
        @JsonProperty("steps") List<PipelineStep> steps) {}
