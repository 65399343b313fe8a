package dev.mlforge.api.pipelines;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/pipelines/schedules}; a schedule of the same name is replaced.
 *
 * @param name the schedule name; required
 * @param cron a five-field cron expression (UTC); required
 * @param pipeline the pipeline YAML; required
 * @param params parameter values by name, taken as in {@link SubmitPipelineRunRequest#params()}
 * @param enabled whether it fires; true when left out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreatePipelineScheduleRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("cron") String cron,
        @Schema(requiredMode = REQUIRED) @JsonProperty("pipeline") String pipeline,
        @JsonProperty("params") Map<String, Object> params,
        @JsonProperty("enabled") Boolean enabled) {}
