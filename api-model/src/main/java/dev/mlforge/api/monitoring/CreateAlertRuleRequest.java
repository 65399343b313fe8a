package dev.mlforge.api.monitoring;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/alert-rules}.
 *
 * @param name the rule's name, or null for one made of metric, comparator and threshold
 * @param metric the monitored value ({@code drift_share}, {@code column_drift:<col>}, {@code accuracy}, ...)
 * @param comparator {@code >}, {@code >=}, {@code <}, {@code <=} or their names ({@code gt}, {@code lt}, ...)
 * @param threshold the threshold
 * @param forWindows monitor runs in a row that must breach before the rule fires, or null for 1
 * @param deployment the only deployment watched, or null for all
 * @param webhookUrl where notifications are POSTed, or null to notify by log only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateAlertRuleRequest(
        @JsonProperty("name") String name,
        @Schema(requiredMode = REQUIRED) @JsonProperty("metric") String metric,
        @Schema(requiredMode = REQUIRED) @JsonProperty("comparator") String comparator,
        @Schema(requiredMode = REQUIRED) @JsonProperty("threshold") Double threshold,
        @JsonProperty("for_windows") Integer forWindows,
        @JsonProperty("deployment") String deployment,
        @JsonProperty("webhook_url") String webhookUrl) {}
