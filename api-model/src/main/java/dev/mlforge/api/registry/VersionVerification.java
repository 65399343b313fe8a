package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Whether a version's files still match the manifest recorded at registration ({@code GET .../versions/{v}/verify}).
 *
 * @param name the model name
 * @param version the version number
 * @param intact true when no file was modified, removed or added
 * @param filesRecorded how many files the manifest lists
 * @param modified files whose digest changed
 * @param missing recorded files that are gone
 * @param added files not in the manifest
 * @param filesPresent false while a version registered before its files has none in the artifact store (null from
 *     servers that predate it)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionVerification(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("intact") boolean intact,
        @JsonProperty("files_recorded") int filesRecorded,
        @JsonProperty("modified") List<String> modified,
        @JsonProperty("missing") List<String> missing,
        @JsonProperty("added") List<String> added,
        @JsonProperty("files_present") Boolean filesPresent) {
}
