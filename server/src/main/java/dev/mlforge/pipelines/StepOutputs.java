package dev.mlforge.pipelines;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The named outputs of a step, built with {@link #file} and {@link #value}; metrics are logged to the step's run. */
public final class StepOutputs {
    private final Map<String, StepValue> values = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    public StepOutputs file(String name, Path path) {
        values.put(name, new StepValue.FileValue(path.toAbsolutePath().toString(), Digests.ofPath(path)));
        return this;
    }

    public StepOutputs value(String name, Object value) {
        values.put(name, new StepValue.JsonValue(value, Digests.ofJson(value)));
        return this;
    }

    /** Passes an input through unchanged, keeping its digest. */
    public StepOutputs pass(String name, StepValue value) {
        values.put(name, value);
        return this;
    }

    public StepOutputs metric(String name, double value) {
        metrics.put(name, value);
        return this;
    }

    public StepOutputs metrics(Map<String, Double> all) {
        metrics.putAll(all);
        return this;
    }

    Map<String, StepValue> values() {
        return Collections.unmodifiableMap(values);
    }

    Map<String, Double> metrics() {
        return Collections.unmodifiableMap(metrics);
    }
}
