package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A monitor as the server keeps it (also its stored form).
 *
 * @param id the monitor's id
 * @param deployment the monitored deployment
 * @param reference the reference data
 * @param window the predictions compared with the reference
 * @param schedule when it runs by itself (an empty object for on request only)
 * @param columnOverrides per-column method and threshold by column name
 * @param driftShare the share of drifted columns from which the dataset counts as drifted (0 to 1)
 * @param task {@code CLASSIFICATION} or {@code REGRESSION}, or null for drift only
 * @param createdAt when it was created, an ISO-8601 instant (UTC), e.g. {@code 2026-12-03T10:15:30.123Z}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorInfo(
        @JsonProperty("id") String id,
        @JsonProperty("deployment") String deployment,
        @JsonProperty("reference") MonitorReferenceSpec reference,
        @JsonProperty("window") MonitorWindowSpec window,
        @JsonProperty("schedule") MonitorScheduleSpec schedule,
        @JsonProperty("column_overrides") Map<String, ColumnOverrideSpec> columnOverrides,
        @JsonProperty("drift_share") double driftShare,
        @JsonProperty("task") String task,
        @JsonProperty("created_at") String createdAt) {}
