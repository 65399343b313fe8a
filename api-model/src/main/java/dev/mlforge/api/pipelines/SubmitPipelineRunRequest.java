package dev.mlforge.api.pipelines;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The JSON body of {@code POST /api/v1/pipelines/runs} (a YAML body with {@code ?param=} and {@code ?base_dir=} is
 * the other form).
 *
 * @param pipeline the pipeline YAML; required
 * @param params parameter values by name; a text, number or boolean is taken as its text, a list or object as its
 *     JSON text
 * @param baseDir the folder, inside the server's {@code pipelines.base-dir}, that relative paths resolve against
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubmitPipelineRunRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("pipeline") String pipeline,
        @JsonProperty("params") Map<String, Object> params,
        @JsonProperty("base_dir") String baseDir) {}
