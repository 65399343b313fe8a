package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The state of one step of a pipeline run.
 *
 * @param step the step name
 * @param state {@code RUNNING}, {@code RETRYING}, {@code SUCCEEDED}, {@code CACHED}, {@code FAILED} or {@code SKIPPED}
 * @param attempts how many times it ran (0 when skipped)
 * @param cached whether its outputs came from the step cache
 * @param cacheKey the SHA-256 naming its cached outputs, when it succeeded
 * @param trackingRunId the step's child tracking run, once started
 * @param message the error of a failed or retrying step, the reason of a skipped one, or null
 * @param outputs the step's outputs by name, once it succeeded
 * @param updatedAt when the state last changed, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineStep(
        @JsonProperty("step") String step,
        @JsonProperty("state") String state,
        @JsonProperty("attempts") Integer attempts,
        @JsonProperty("cached") Boolean cached,
        @JsonProperty("cache_key") String cacheKey,
        @JsonProperty("tracking_run_id") String trackingRunId,
        @JsonProperty("message") String message,
        @JsonProperty("outputs") Map<String, StepOutput> outputs,
        @JsonProperty("updated_at") String updatedAt) {}
