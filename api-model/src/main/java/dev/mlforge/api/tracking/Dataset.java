package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A dataset used by a run, described by reference (the data itself is not stored).
 *
 * @param name the dataset name
 * @param digest a short hash of the content
 * @param sourceType the kind of source, e.g. {@code local}, {@code s3}, {@code http}
 * @param source a JSON description of the source
 * @param schema a JSON description of the schema, or null
 * @param profile a JSON summary of the data, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dataset(
        @JsonProperty("name") String name,
        @JsonProperty("digest") String digest,
        @JsonProperty("source_type") String sourceType,
        @JsonProperty("source") String source,
        @JsonProperty("schema") String schema,
        @JsonProperty("profile") String profile) {
}
