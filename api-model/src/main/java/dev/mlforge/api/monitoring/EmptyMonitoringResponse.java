package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The empty object answered by deleting a monitor or an alert rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmptyMonitoringResponse() {}
