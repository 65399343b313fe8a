package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of creating or getting an alert rule.
 *
 * @param alertRule the rule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRuleResponse(
        @JsonProperty("alert_rule") AlertRuleInfo alertRule) {}
