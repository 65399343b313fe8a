package dev.mlforge.pipelines;

import java.util.List;
import java.util.Optional;

/**
 * The result of a pipeline run: every step's outcome in order, and the best model when the pipeline trained one.
 *
 * @param trackingRunId the pipeline's parent run (each step is a child run of it)
 */
public record PipelineRunResult(String runId, String pipelineName, String trackingRunId, PipelineStatus status,
        List<StepOutcome> steps, Optional<BestModel> best) {

    public StepOutcome step(String name) {
        return steps.stream().filter(step -> step.step().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No step " + name));
    }

    /**
     * The winner of the pipeline's training step.
     *
     * @param runId          the tracking run of the best trial
     * @param modelDirectory the saved model (MLmodel folder)
     * @param modelUri       {@code models:/name/version} when a register step ran, else null
     */
    public record BestModel(String runId, String trainer, String metric, double metricValue, String modelDirectory,
            String modelUri) {}
}
