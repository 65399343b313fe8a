package dev.mlforge.api.pipelines;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/pipelines/triggers}; a trigger of the same deployment is replaced.
 *
 * @param deployment the deployment whose drift starts the pipeline; required
 * @param pipeline the pipeline YAML; required
 * @param params parameter values by name, taken as in {@link SubmitPipelineRunRequest#params()}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateDriftRetrainTriggerRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("deployment") String deployment,
        @Schema(requiredMode = REQUIRED) @JsonProperty("pipeline") String pipeline,
        @JsonProperty("params") Map<String, Object> params) {}
