package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST logged-models/{model_id}/params}.
 *
 * @param modelId the model id (the path's, when absent from the body)
 * @param params the params to log
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogLoggedModelParamsRequest(
        @JsonProperty("model_id") String modelId,
        @JsonProperty("params") List<LoggedModelParameter> params) {
}
