package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The metadata of a run.
 *
 * @param runId the 32-character hex run id
 * @param runUuid the run id again, under its legacy name
 * @param runName the run's display name
 * @param experimentId the experiment the run belongs to
 * @param userId who started the run
 * @param status {@code RUNNING}, {@code SCHEDULED}, {@code FINISHED}, {@code FAILED} or {@code KILLED}
 * @param startTime start, milliseconds since the epoch
 * @param endTime end, milliseconds since the epoch; null while the run is unfinished
 * @param artifactUri the root URI of the run's artifacts
 * @param lifecycleStage {@code active} or {@code deleted}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInfo(
        @JsonProperty("run_id") String runId,
        @JsonProperty("run_uuid") String runUuid,
        @JsonProperty("run_name") String runName,
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("status") String status,
        @JsonProperty("start_time") Long startTime,
        @JsonProperty("end_time") Long endTime,
        @JsonProperty("artifact_uri") String artifactUri,
        @JsonProperty("lifecycle_stage") String lifecycleStage) {
}
