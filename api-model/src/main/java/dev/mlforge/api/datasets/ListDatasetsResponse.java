package dev.mlforge.api.datasets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/datasets}.
 *
 * @param datasets every dataset name with its latest version
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListDatasetsResponse(@JsonProperty("datasets") List<DatasetSummary> datasets) {}
