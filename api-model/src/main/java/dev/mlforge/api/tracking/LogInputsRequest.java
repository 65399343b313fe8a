package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code runs/log-inputs}.
 *
 * @param runId the run id
 * @param datasets the dataset inputs
 * @param models the logged-model inputs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogInputsRequest(
        @JsonAlias("run_uuid") @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId,
        @JsonProperty("datasets") List<DatasetInput> datasets,
        @JsonProperty("models") List<ModelInput> models) {
}
