package dev.mlforge.api.monitoring;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/monitors}: a drift (and, with a task, performance) monitor of one deployment.
 *
 * @param deployment the deployment whose predictions are monitored
 * @param reference the reference data
 * @param window the predictions compared with the reference
 * @param schedule when the monitor runs by itself, or null for on request only
 * @param columnOverrides per-column method and threshold by column name, or null
 * @param driftShare the share of drifted columns from which the dataset counts as drifted, or null for 0.5
 * @param task {@code classification} or {@code regression} for performance from feedback labels, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateMonitorRequest(
        @Schema(requiredMode = REQUIRED) @JsonProperty("deployment") String deployment,
        @Schema(requiredMode = REQUIRED) @JsonProperty("reference") MonitorReferenceSpec reference,
        @Schema(requiredMode = REQUIRED) @JsonProperty("window") MonitorWindowSpec window,
        @JsonProperty("schedule") MonitorScheduleSpec schedule,
        @JsonProperty("column_overrides") Map<String, ColumnOverrideSpec> columnOverrides,
        @JsonProperty("drift_share") Double driftShare,
        @JsonProperty("task") String task) {}
