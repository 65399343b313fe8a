package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of MLflow's {@code LinkPromptsToTrace} ({@code POST /api/2.0/mlflow/traces/link-prompts}).
 *
 * @param traceId        the trace that used the prompts
 * @param promptVersions the prompt versions it used
 */
public record LinkPromptsToTraceRequest(@JsonProperty("trace_id") String traceId,
        @JsonProperty("prompt_versions") List<PromptVersionRef> promptVersions) {

    /**
     * One prompt version by its registered name and version number.
     *
     * @param name    the prompt's name
     * @param version its version, as a string
     */
    public record PromptVersionRef(@JsonProperty("name") String name, @JsonProperty("version") String version) {
    }
}
