package dev.mlforge.pipelines;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.MlflowDataset;
import dev.mlforge.training.RunRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a running step sees: its inputs and parameters, its output folder, its tracking run, and the platform seams. */
public final class StepContext {
    private final String pipelineRunId;
    private final StepDefinition definition;
    private final Map<String, StepValue> inputs;
    private final List<MlflowDataset> datasets;
    private final Path outputDir;
    private final String experiment;
    private final String trackingRunId;
    private final int attempt;
    private final PipelineServices services;

    StepContext(String pipelineRunId, StepDefinition definition, Map<String, StepValue> inputs, List<MlflowDataset> datasets,
            Path outputDir, String experiment, String trackingRunId, int attempt, PipelineServices services) {
        this.pipelineRunId = pipelineRunId;
        this.definition = definition;
        this.inputs = Map.copyOf(inputs);
        this.datasets = List.copyOf(datasets);
        this.outputDir = outputDir;
        this.experiment = experiment;
        this.trackingRunId = trackingRunId;
        this.attempt = attempt;
        this.services = services;
    }

    public String pipelineRunId() {
        return pipelineRunId;
    }

    public String stepName() {
        return definition.name();
    }

    /** 1 for the first attempt, 2 for the first retry, ... */
    public int attempt() {
        return attempt;
    }

    public Path outputDir() {
        return outputDir;
    }

    public String experiment() {
        return experiment;
    }

    /** The step's own child run under the pipeline's run. */
    public String trackingRunId() {
        return trackingRunId;
    }

    public RunRecorder recorder() {
        return services.recorder();
    }

    public PipelineServices services() {
        return services;
    }

    public Map<String, StepValue> inputs() {
        return inputs;
    }

    /**
     * The dataset versions this step's work derives from: those declared by the steps it depends on, directly or
     * transitively (e.g. by {@code load}). They are already logged as inputs of {@link #trackingRunId()}.
     */
    public List<MlflowDataset> datasets() {
        return datasets;
    }

    public StepValue input(String name) {
        StepValue value = inputs.get(name);
        if (value == null) {
            throw MlforgeException.invalidParameter("Step '" + stepName() + "' needs an input named '" + name + "'; it has "
                    + inputs.keySet());
        }
        return value;
    }

    public Path inputFile(String name) {
        if (input(name) instanceof StepValue.FileValue file) {
            return file.file();
        }
        throw MlforgeException.invalidParameter("Step '" + stepName() + "': input '" + name + "' must be a file output");
    }

    public Object inputValue(String name) {
        StepValue value = input(name);
        return value instanceof StepValue.JsonValue json ? json.value() : ((StepValue.FileValue) value).path();
    }

    public Map<String, Object> params() {
        return definition.with();
    }

    public boolean has(String param) {
        return definition.with().get(param) != null;
    }

    public String string(String param) {
        Object value = definition.with().get(param);
        if (value == null || value.toString().isBlank()) {
            throw missing(param);
        }
        return value.toString();
    }

    /**
     * The existing file that the parameter {@code with.<param>} names, relative to the pipeline's folder; for a run
     * submitted to the server, confined to the server's pipelines folder (see {@link Step#fileParameters()}).
     */
    public Path file(String param) {
        return services.readableFile(string(param), "steps[" + stepName() + "].with." + param);
    }

    public String string(String param, String defaultValue) {
        Object value = definition.with().get(param);
        return value == null ? defaultValue : value.toString();
    }

    public double decimal(String param, double defaultValue) {
        Object value = definition.with().get(param);
        if (value == null) {
            return defaultValue;
        }
        try {
            return value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw invalid(param, "a number", value);
        }
    }

    public long integer(String param, long defaultValue) {
        Object value = definition.with().get(param);
        if (value == null) {
            return defaultValue;
        }
        try {
            return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            throw invalid(param, "an integer", value);
        }
    }

    public boolean bool(String param, boolean defaultValue) {
        Object value = definition.with().get(param);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = value.toString().strip();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw invalid(param, "true or false", value);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String param) {
        Object value = definition.with().get(param);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw invalid(param, "a mapping", value);
    }

    public List<?> list(String param) {
        Object value = definition.with().get(param);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw invalid(param, "a list", value);
    }

    private MlforgeException missing(String param) {
        return MlforgeException.invalidParameter("Step '" + stepName() + "' (" + definition.uses() + ") needs the parameter 'with."
                + param + "'");
    }

    private MlforgeException invalid(String param, String expected, Object value) {
        return MlforgeException.invalidParameter("Step '" + stepName() + "': parameter 'with." + param + "' must be " + expected
                + ", got '" + value + "'");
    }
}
