package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code POST /api/v1/deployments/{name}/predictions/exports}.
 *
 * @param export the export written
 */
public record PredictionExportResponse(@JsonProperty("export") PredictionExport export) {

    /**
     * A prediction log export stored in the artifact store.
     *
     * @param id the export's id, 32 hexadecimal digits (download it at {@code .../predictions/exports/{id}})
     * @param deployment the deployment whose prediction log it holds
     * @param format {@code csv} or {@code parquet}
     * @param rows the rows written
     * @param bytes the file's size in bytes
     * @param artifactPath where it is in the artifact store ({@code prediction-exports/<deployment>/<id>.<format>})
     * @param nextPageToken the token of the rows after these (the export's {@code page_token} for the next), or null
     *                      when it holds the last
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PredictionExport(
            @JsonProperty("id") String id,
            @JsonProperty("deployment") String deployment,
            @JsonProperty("format") String format,
            @JsonProperty("rows") int rows,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("artifact_path") String artifactPath,
            @JsonProperty("next_page_token") String nextPageToken) {}
}
