package dev.mlforge.pipelines;

import java.util.Map;

/** Starts a pipeline run from its YAML text; returns the run id. Used by the scheduler and the drift trigger. */
@FunctionalInterface
public interface PipelineSubmitter {
    /** @param trigger how the run started, e.g. {@code api}, {@code schedule:nightly}, {@code drift:wine} */
    String submit(String yaml, Map<String, String> params, String trigger);
}
