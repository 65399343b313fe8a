package dev.mlforge.pipelines;

/** Receives every step state change of a pipeline run, from the executor's threads. */
@FunctionalInterface
public interface PipelineListener {
    void onEvent(StepEvent event);

    PipelineListener NONE = event -> { };

    default PipelineListener and(PipelineListener other) {
        return event -> {
            onEvent(event);
            other.onEvent(event);
        };
    }
}
