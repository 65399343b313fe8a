package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A model URI resolved as a deployment resolves it ({@code GET /api/v1/registry/resolve?model_uri=...}): the
 * concrete version, where its files are in the artifact store and the SHA-256 of each, so a client that downloads
 * them can check it received exactly the registered files. The server has already re-hashed a registry version's
 * files against its manifest and refuses (409) a tampered one.
 *
 * @param modelUri    the URI as asked for, e.g. {@code models:/fraud@champion}
 * @param name        the registered model's name; null for a {@code runs:/} or {@code models:/m-<id>} URI
 * @param version     the version number the URI points at now; null for a {@code runs:/} or {@code models:/m-<id>} URI
 * @param storagePath the files' directory relative to the artifact root, as the artifact proxy
 *                    ({@code /api/2.0/mlflow-artifacts/artifacts/<storage_path>/<file>}) serves it
 * @param files       every file under {@code storagePath}, sorted by path: the recorded manifest of a registry version,
 *                    the files as they are now for other URIs
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResolvedModelFiles(
        @JsonProperty("model_uri") String modelUri,
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("storage_path") String storagePath,
        @JsonProperty("files") List<File> files) {

    /**
     * One model file.
     *
     * @param path   its path relative to {@code storage_path} ("" when the model is a single file)
     * @param sha256 the lower-case hex SHA-256 of its bytes
     * @param size   its size in bytes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record File(
            @JsonProperty("path") String path,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("size") long size) {
    }
}
