package dev.mlforge.api.tracing;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of MLflow's {@code LinkTracesToRun} ({@code POST /api/2.0/mlflow/traces/link-to-run}).
 *
 * @param traceIds the traces to link, at most 100
 * @param runId    the run they are linked to
 */
public record LinkTracesToRunRequest(
        @JsonProperty("trace_ids") List<String> traceIds,
        @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId) {
}
