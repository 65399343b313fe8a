package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The params of a logged model and the metrics logged against it.
 *
 * @param params the model's params, by key
 * @param metrics the metrics logged with the model's id, each with its run and dataset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedModelData(
        @JsonProperty("params") List<LoggedModelParameter> params,
        @JsonProperty("metrics") List<Metric> metrics) {
}
