package dev.mlforge.pipelines;

import java.util.List;
import java.util.Map;

/**
 * A parsed, validated pipeline: unique step names, known references, no cycles; {@code steps} in a topological order.
 *
 * @param experiment the tracking experiment of the pipeline's runs (default: the pipeline name)
 * @param params     the effective parameters (file defaults overridden by the caller's)
 * @param source     the YAML text, kept for provenance and for re-running on a schedule
 */
public record PipelineDefinition(String name, String experiment, Map<String, Object> params, List<StepDefinition> steps,
        String source) {
    public PipelineDefinition {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        steps = List.copyOf(steps);
    }

    public StepDefinition step(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No step " + name));
    }
}
