package dev.mlforge.api.datasets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/datasets/{name}/versions}.
 *
 * @param versions the dataset's versions with their schema, without profiles
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListDatasetVersionsResponse(@JsonProperty("versions") List<DatasetVersion> versions) {}
