package dev.mlforge.api.datasets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A dataset name with its number of versions and its latest version.
 *
 * @param name the dataset name
 * @param versionCount how many versions it has
 * @param latestVersion the highest version number
 * @param latestDigest the digest of the latest version
 * @param updatedAt when the latest version was registered, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetSummary(
        @JsonProperty("name") String name,
        @JsonProperty("version_count") Integer versionCount,
        @JsonProperty("latest_version") Integer latestVersion,
        @JsonProperty("latest_digest") String latestDigest,
        @JsonProperty("updated_at") String updatedAt) {}
