package dev.mlforge.api.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/alert-rules}.
 *
 * @param alertRules every rule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListAlertRulesResponse(
        @JsonProperty("alert_rules") List<AlertRuleInfo> alertRules) {}
