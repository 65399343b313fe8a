package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A pipeline run on a cron schedule (five-field Unix cron, UTC).
 *
 * @param name the schedule name
 * @param cron the cron expression
 * @param definition the pipeline YAML
 * @param params the parameters each run gets
 * @param enabled whether it fires
 * @param nextFireAt when it fires next, ISO-8601
 * @param lastFiredBy the server instance that fired it last, or null
 * @param lastFiredAt when it fired last, ISO-8601, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineSchedule(
        @JsonProperty("name") String name,
        @JsonProperty("cron") String cron,
        @JsonProperty("definition") String definition,
        @JsonProperty("params") Map<String, String> params,
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("next_fire_at") String nextFireAt,
        @JsonProperty("last_fired_by") String lastFiredBy,
        @JsonProperty("last_fired_at") String lastFiredAt) {}
