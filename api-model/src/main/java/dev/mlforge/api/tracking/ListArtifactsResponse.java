package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to {@code artifacts/list}.
 *
 * @param rootUri the run's artifact root URI
 * @param files the entries of the listed directory
 * @param nextPageToken the token of the next page; null on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListArtifactsResponse(
        @JsonProperty("root_uri") String rootUri,
        @JsonProperty("files") List<FileInfo> files,
        @JsonProperty("next_page_token") String nextPageToken) {
}
