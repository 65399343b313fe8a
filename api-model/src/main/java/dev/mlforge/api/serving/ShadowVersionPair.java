package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A shadow comparison's figures for one pair of versions (the primary's and the shadow's).
 *
 * @param primaryVersion the primary model's version
 * @param shadowVersion the shadow model's version
 * @param comparedRows rows compared
 * @param disagreeingRows rows whose predictions disagree
 * @param disagreementRate {@code disagreeing_rows / compared_rows}, or null (omitted) when nothing was compared
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShadowVersionPair(
        @JsonProperty("primary_version") String primaryVersion,
        @JsonProperty("shadow_version") String shadowVersion,
        @JsonProperty("compared_rows") long comparedRows,
        @JsonProperty("disagreeing_rows") long disagreeingRows,
        @JsonProperty("disagreement_rate") Double disagreementRate) {}
