package dev.mlforge.api.datasets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One registered version of a dataset: immutable content addressed by the SHA-256 of its bytes. Registering the
 * same bytes under the same name again yields this same version.
 *
 * @param name the dataset name
 * @param version 1, 2, ... per dataset name, in registration order
 * @param sha256 the SHA-256 of the file's bytes, 64 hex characters
 * @param digest the first 32 hex characters of {@code sha256} (MLflow's dataset digest)
 * @param rowCount the number of data rows (the header excluded)
 * @param sizeBytes the file size in bytes
 * @param schema the columns in file order
 * @param profile the statistics of each column; empty in listings
 * @param artifactPath where the server keeps the file in its artifact store
 * @param createdAt when the version was first registered, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatasetVersion(
        @JsonProperty("name") String name,
        @JsonProperty("version") Integer version,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("digest") String digest,
        @JsonProperty("row_count") Long rowCount,
        @JsonProperty("size_bytes") Long sizeBytes,
        @JsonProperty("schema") List<ColumnSchema> schema,
        @JsonProperty("profile") List<ColumnProfile> profile,
        @JsonProperty("artifact_path") String artifactPath,
        @JsonProperty("created_at") String createdAt) {}
