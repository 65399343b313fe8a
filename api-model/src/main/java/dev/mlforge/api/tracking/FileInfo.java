package dev.mlforge.api.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An artifact file or directory, with its path relative to the listed root.
 *
 * @param path the relative path
 * @param isDir true for a directory
 * @param fileSize the size in bytes; null for a directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileInfo(
        @JsonProperty("path") String path,
        @JsonProperty("is_dir") Boolean isDir,
        @JsonProperty("file_size") Long fileSize) {
}
