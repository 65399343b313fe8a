package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of creating a schedule.
 *
 * @param schedule the schedule with its next firing time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PipelineScheduleResponse(@JsonProperty("schedule") PipelineSchedule schedule) {}
