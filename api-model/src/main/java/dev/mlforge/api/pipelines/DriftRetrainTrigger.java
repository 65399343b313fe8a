package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The pipeline the server runs when a deployment's monitor detects drift.
 *
 * @param deployment the deployment name
 * @param definition the pipeline YAML
 * @param params the parameters each retraining run gets
 * @param createdAt when it was registered, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DriftRetrainTrigger(
        @JsonProperty("deployment") String deployment,
        @JsonProperty("definition") String definition,
        @JsonProperty("params") Map<String, String> params,
        @JsonProperty("created_at") String createdAt) {}
