package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An alert rule as the server keeps it (also its stored form).
 *
 * @param id the rule's id
 * @param name the rule's name
 * @param metric the monitored value
 * @param comparator {@code GREATER_THAN}, {@code GREATER_OR_EQUAL}, {@code LESS_THAN} or {@code LESS_OR_EQUAL}
 * @param threshold the threshold
 * @param forWindows monitor runs in a row that must breach before it fires
 * @param deployment the only deployment watched, or null for all
 * @param webhookUrl where notifications are POSTed, or null
 * @param createdAt when it was created, an ISO-8601 instant (UTC), e.g. {@code 2026-12-03T10:15:30.123Z}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRuleInfo(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("metric") String metric,
        @JsonProperty("comparator") String comparator,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("for_windows") int forWindows,
        @JsonProperty("deployment") String deployment,
        @JsonProperty("webhook_url") String webhookUrl,
        @JsonProperty("created_at") String createdAt) {}
