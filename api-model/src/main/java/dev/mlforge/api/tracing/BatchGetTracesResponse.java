package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** @param traces the traces found, with their spans */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BatchGetTracesResponse(@JsonProperty("traces") List<Trace> traces) {
}
