package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code runs/delete-tag}.
 *
 * @param runId the run id
 * @param key the tag key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteTagRequest(
        @JsonAlias("run_uuid") @JsonProperty("run_id") String runId,
        @JsonProperty("key") String key) {
}
