package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON body POSTed to an alert rule's webhook when an alert fires or resolves.
 *
 * @param event {@code firing} or {@code resolved}
 * @param alertId the alert's id
 * @param ruleId the rule's id
 * @param ruleName the rule's name
 * @param deployment the deployment concerned
 * @param metric the monitored value
 * @param comparator the rule's comparator as a symbol ({@code >}, {@code >=}, {@code <}, {@code <=})
 * @param threshold the rule's threshold
 * @param value the monitored value
 * @param firedAt when the alert fired, an ISO-8601 instant (UTC), e.g. {@code 2026-12-03T10:15:30.123Z}
 * @param resolvedAt when it resolved, an ISO-8601 instant (UTC), e.g. {@code 2026-12-03T10:15:30.123Z}; null while firing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertWebhookPayload(
        @JsonProperty("event") String event,
        @JsonProperty("alert_id") String alertId,
        @JsonProperty("rule_id") String ruleId,
        @JsonProperty("rule_name") String ruleName,
        @JsonProperty("deployment") String deployment,
        @JsonProperty("metric") String metric,
        @JsonProperty("comparator") String comparator,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("value") double value,
        @JsonProperty("fired_at") String firedAt,
        @JsonProperty("resolved_at") String resolvedAt) {}
