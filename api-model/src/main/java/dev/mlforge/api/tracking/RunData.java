package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The data logged to a run.
 *
 * @param metrics the latest value of each metric key
 * @param params the run's parameters
 * @param tags the run's tags
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunData(
        @JsonProperty("metrics") List<Metric> metrics,
        @JsonProperty("params") List<Param> params,
        @JsonProperty("tags") List<RunTag> tags) {
}
