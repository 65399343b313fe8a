package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/deployments/{name}/shadow-comparison}: the primary model's answers next to the
 * shadow's for the same requests over a time window. Each row of a request is one comparison: the rows' predictions
 * (a single-value output, else the arg-max of a class-score output) disagree when they differ by more than the
 * tolerance (numbers) or are not equal (other values).
 *
 * @param deployment the deployment
 * @param startTime the window's start, milliseconds since the epoch, or null (omitted) for the log's start
 * @param endTime the window's end (exclusive), milliseconds since the epoch, or null (omitted) for now
 * @param tolerance the largest difference between two numbers still counted as agreement
 * @param comparedRequests requests answered by both the primary and the shadow
 * @param comparedRows rows compared in those requests
 * @param disagreeingRows rows whose predictions disagree
 * @param disagreementRate {@code disagreeing_rows / compared_rows}, or null (omitted) when nothing was compared
 * @param primaryWithoutShadow primary answers in the window with no logged shadow answer (no shadow then, or its
 *     copy failed or was dropped)
 * @param versions the same figures per pair of primary and shadow versions
 * @param disagreements the newest disagreeing rows, at most {@code max_disagreements}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShadowComparisonResponse(
        @JsonProperty("deployment") String deployment,
        @JsonProperty("start_time") Long startTime,
        @JsonProperty("end_time") Long endTime,
        @JsonProperty("tolerance") double tolerance,
        @JsonProperty("compared_requests") long comparedRequests,
        @JsonProperty("compared_rows") long comparedRows,
        @JsonProperty("disagreeing_rows") long disagreeingRows,
        @JsonProperty("disagreement_rate") Double disagreementRate,
        @JsonProperty("primary_without_shadow") long primaryWithoutShadow,
        @JsonProperty("versions") List<ShadowVersionPair> versions,
        @JsonProperty("disagreements") List<ShadowDisagreement> disagreements) {
    /**
     * Copies the lists; absent reads as none.
     *
     * @param deployment the deployment
     * @param startTime the window's start
     * @param endTime the window's end
     * @param tolerance the numeric tolerance
     * @param comparedRequests requests compared
     * @param comparedRows rows compared
     * @param disagreeingRows rows disagreeing
     * @param disagreementRate their share
     * @param primaryWithoutShadow primary answers without a shadow answer
     * @param versions per version pair
     * @param disagreements the newest disagreements
     */
    public ShadowComparisonResponse {
        versions = versions == null ? List.of() : List.copyOf(versions);
        disagreements = disagreements == null ? List.of() : List.copyOf(disagreements);
    }
}
