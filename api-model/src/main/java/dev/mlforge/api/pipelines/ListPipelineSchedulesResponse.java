package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/pipelines/schedules}.
 *
 * @param schedules every schedule, by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListPipelineSchedulesResponse(@JsonProperty("schedules") List<PipelineSchedule> schedules) {}
