package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of registering a drift trigger.
 *
 * @param trigger the registered trigger
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DriftRetrainTriggerResponse(@JsonProperty("trigger") DriftRetrainTrigger trigger) {}
