package dev.mlforge.events;

import java.time.Instant;

/**
 * A pipeline run ended, whichever server ran it.
 *
 * @param runId         the pipeline run ({@code GET /api/v1/pipelines/runs/{id}})
 * @param pipeline      the pipeline's name
 * @param status        {@code SUCCEEDED} or {@code FAILED}
 * @param trigger       what started it: {@code api}, {@code schedule:<id>}, {@code drift:<id>}, ...
 * @param trackingRunId the MLflow run that recorded it; null when none was made
 * @param message       the failure or note; null when none
 */
public record PipelineFinished(String runId, String pipeline, String status, String trigger, String trackingRunId,
        String message, Instant time) implements Event {}
