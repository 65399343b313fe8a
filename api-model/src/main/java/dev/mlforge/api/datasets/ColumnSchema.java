package dev.mlforge.api.datasets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One column of a dataset's schema.
 *
 * @param name the column name from the CSV header
 * @param type {@code NUMERIC} when every non-empty value parses as a number, else {@code CATEGORICAL}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ColumnSchema(@JsonProperty("name") String name, @JsonProperty("type") String type) {}
