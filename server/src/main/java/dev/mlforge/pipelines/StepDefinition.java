package dev.mlforge.pipelines;

import java.util.List;
import java.util.Map;

/**
 * One step of a pipeline file.
 *
 * @param uses          a built-in step type ({@code load}, {@code train}, ...) or the class name of a custom {@link Step}
 * @param inputs        input name to {@code step.output} reference
 * @param with          the step's parameters, {@code ${params.x}} already substituted
 * @param dependsOn     extra ordering dependencies without data
 * @param when          optional {@code step.output} reference to a boolean: the step is skipped unless it is true
 * @param retries       extra attempts after a failure
 * @param retryBackoffMillis wait before the first retry; doubled for each further retry
 * @param timeoutSeconds limit per attempt; 0 for none
 * @param cache         false to always run the step even when an identical earlier result exists
 */
public record StepDefinition(
        String name,
        String uses,
        Map<String, OutputReference> inputs,
        Map<String, Object> with,
        List<String> dependsOn,
        OutputReference when,
        int retries,
        long retryBackoffMillis,
        long timeoutSeconds,
        boolean cache) {

    public StepDefinition {
        inputs = Map.copyOf(inputs);
        with = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(with));
        dependsOn = List.copyOf(dependsOn);
    }

    /** Every step this one waits for: input sources, the {@code when} source and {@code depends_on}. */
    public java.util.Set<String> upstream() {
        java.util.Set<String> upstream = new java.util.LinkedHashSet<>();
        inputs.values().forEach(reference -> upstream.add(reference.step()));
        if (when != null) {
            upstream.add(when.step());
        }
        upstream.addAll(dependsOn);
        return upstream;
    }
}
