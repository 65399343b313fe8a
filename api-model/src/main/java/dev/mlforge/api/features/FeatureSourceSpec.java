package dev.mlforge.api.features;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where a {@link FeatureViewSpec} reads its rows: exactly one of a registered dataset version, a CSV or Parquet file in
 * the server's data dir, or a SQL query.
 *
 * @param dataset a registered dataset's name
 * @param version the dataset's version: a positive number or {@code latest} (the default)
 * @param path a {@code .csv} or {@code .parquet} file, relative to the server's data dir
 * @param query a SQL query over the server's configured SQL source
 * @param type Feast's source type: accepted and ignored
 */
@Schema(description = "Exactly one of dataset, path and query")
public record FeatureSourceSpec(
        @Schema(description = "A registered dataset's name")
        @JsonProperty("dataset") String dataset,
        @Schema(types = {"integer", "string"}, description = "The dataset's version: a positive number or 'latest' (the default)")
        @JsonProperty("version") Object version,
        @Schema(description = "A .csv or .parquet file, relative to the server's data dir")
        @JsonProperty("path") String path,
        @Schema(description = "A SQL query over the server's configured SQL source")
        @JsonProperty("query") String query,
        @Schema(description = "Feast's source type: accepted and ignored")
        @JsonProperty("type") String type) {}
