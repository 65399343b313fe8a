package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When a monitor runs by itself; both fields absent means only on request.
 *
 * @param intervalSeconds run every this many seconds, or null
 * @param cron a five-field Unix cron expression (UTC), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorScheduleSpec(
        @JsonProperty("interval_seconds") Long intervalSeconds,
        @JsonProperty("cron") String cron) {}
