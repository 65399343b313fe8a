package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One firing of a rule for a deployment; {@code resolved_at} is absent while it fires.
 *
 * @param id the alert's id
 * @param ruleId the rule that fired
 * @param ruleName the rule's name
 * @param deployment the deployment concerned
 * @param metric the monitored value
 * @param state {@code FIRING} or {@code RESOLVED}
 * @param value the monitored value when it fired, then when it resolved
 * @param threshold the rule's threshold
 * @param firedAt when it fired, an ISO-8601 instant (UTC), e.g. {@code 2026-12-03T10:15:30.123Z}
 * @param resolvedAt when it resolved, an ISO-8601 instant (UTC), e.g. {@code 2026-12-03T10:15:30.123Z}; null while firing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertInfo(
        @JsonProperty("id") String id,
        @JsonProperty("rule_id") String ruleId,
        @JsonProperty("rule_name") String ruleName,
        @JsonProperty("deployment") String deployment,
        @JsonProperty("metric") String metric,
        @JsonProperty("state") String state,
        @JsonProperty("value") double value,
        @JsonProperty("threshold") double threshold,
        @JsonProperty("fired_at") String firedAt,
        @JsonProperty("resolved_at") String resolvedAt) {}
