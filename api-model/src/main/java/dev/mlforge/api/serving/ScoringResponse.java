package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code POST /api/v1/deployments/{name}/invocations} in MLflow's scoring format.
 *
 * @param predictions one entry per row: the value (or list of values) of a single-output model, else an object of
 *                    the row's value per output name
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScoringResponse(@JsonProperty("predictions") List<Object> predictions) {}
