package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A version's change history, oldest first ({@code GET .../versions/{v}/history}).
 *
 * @param events the stage and alias changes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionHistory(@JsonProperty("events") List<Event> events) {

    /**
     * One change.
     *
     * @param id the event id
     * @param version the version number
     * @param kind what changed, e.g. {@code stage} or {@code alias}
     * @param alias the alias, for alias changes
     * @param from the value before, or null
     * @param to the value after, or null
     * @param user who made the change, or null
     * @param timestamp when, milliseconds since the epoch
     * @param comment the comment given with the change, or null
     *     (from, to, user and comment are written as {@code null} when absent, never left out)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(
            @JsonProperty("id") Long id,
            @JsonProperty("version") String version,
            @JsonProperty("kind") String kind,
            @JsonProperty("alias") String alias,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("from") String from,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("to") String to,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("user") String user,
            @JsonProperty("timestamp") Long timestamp,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("comment") String comment) {}
}
