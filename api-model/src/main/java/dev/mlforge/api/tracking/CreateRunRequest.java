package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code runs/create}.
 *
 * @param experimentId the experiment id; {@code 0} when absent
 * @param userId who starts the run
 * @param runName the run name; generated when absent
 * @param startTime start, milliseconds since the epoch
 * @param tags initial tags
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateRunRequest(
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("run_name") String runName,
        @JsonProperty("start_time") Long startTime,
        @JsonProperty("tags") List<RunTag> tags) {
}
