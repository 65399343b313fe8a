package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One run of a monitor: the window it read, its drift and the quality metrics from labelled predictions.
 *
 * @param id the result's id
 * @param monitorId the monitor that ran
 * @param deployment the monitored deployment
 * @param time when it ran, an ISO-8601 instant (UTC), e.g. {@code 2026-12-03T10:15:30.123Z}
 * @param referenceRows rows in the reference
 * @param currentRows predictions in the window
 * @param labelledRows predictions in the window with a feedback label
 * @param drift the drift verdicts
 * @param performance quality metrics by name ({@code accuracy}, {@code f1}, {@code rmse}, ...); empty without a task or labels
 * @param performanceByVersion the same per model version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorResultInfo(
        @JsonProperty("id") long id,
        @JsonProperty("monitor_id") String monitorId,
        @JsonProperty("deployment") String deployment,
        @JsonProperty("time") String time,
        @JsonProperty("reference_rows") int referenceRows,
        @JsonProperty("current_rows") int currentRows,
        @JsonProperty("labelled_rows") int labelledRows,
        @JsonProperty("drift") DriftSummary drift,
        @JsonProperty("performance") Map<String, Double> performance,
        @JsonProperty("performance_by_version") Map<String, Map<String, Double>> performanceByVersion) {}
