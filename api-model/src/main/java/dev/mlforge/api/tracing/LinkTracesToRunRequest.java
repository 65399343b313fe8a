package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of MLflow's {@code LinkTracesToRun} ({@code POST /api/2.0/mlflow/traces/link-to-run}).
 *
 * @param traceIds the traces to link, at most 100
 * @param runId    the run they are linked to
 */
public record LinkTracesToRunRequest(@JsonProperty("trace_ids") List<String> traceIds, @JsonProperty("run_id") String runId) {
}
