package dev.mlforge.api.tracking;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code runs/log-batch}: at most 1000 metrics, 100 params, 100 tags and 1000 entities in total.
 *
 * @param runId the run id
 * @param metrics metrics to log
 * @param params params to log
 * @param tags tags to set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogBatchRequest(
        @JsonAlias("run_uuid") @Schema(requiredMode = REQUIRED) @JsonProperty("run_id") String runId,
        @JsonProperty("metrics") List<Metric> metrics,
        @JsonProperty("params") List<Param> params,
        @JsonProperty("tags") List<RunTag> tags) {
}
