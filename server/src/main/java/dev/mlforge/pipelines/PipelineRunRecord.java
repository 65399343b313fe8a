package dev.mlforge.pipelines;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A persisted pipeline run.
 *
 * @param trigger how it started: {@code api}, {@code cli}, {@code schedule:<name>} or {@code drift:<deployment>}
 * @param steps   one record per step, in the pipeline's order (empty in listings)
 */
public record PipelineRunRecord(String runId, String pipelineName, PipelineStatus status, String trigger,
        Map<String, String> params, String trackingRunId, String message, Instant startedAt, Instant endedAt,
        List<StepRecord> steps) {}
