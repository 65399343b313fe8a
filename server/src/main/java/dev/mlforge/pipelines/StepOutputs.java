package dev.mlforge.pipelines;

import dev.mlforge.datasets.MlflowDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named outputs of a step, built with {@link #file} and {@link #value}; metrics are logged to the step's run. */
public final class StepOutputs {
    private final Map<String, StepValue> values = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final List<MlflowDataset> datasets = new ArrayList<>();

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

    /**
     * Declares that the step read {@code dataset} from outside the pipeline: it is logged as a dataset input of this
     * step's run and of the pipeline's run, and every step downstream logs it too (see {@link Step#datasetContext()}).
     * Kept as the output {@code dataset_inputs}.
     */
    public StepOutputs dataset(MlflowDataset dataset) {
        datasets.add(dataset);
        return value(DatasetLineage.OUTPUT, DatasetLineage.asOutput(datasets));
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
