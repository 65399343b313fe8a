package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of the trace tag routes ({@code PATCH} sets, {@code DELETE} deletes); the trace is in the path.
 *
 * @param key   the tag's key
 * @param value the tag's value (set only)
 */
public record TraceTagRequest(@JsonProperty("key") String key, @JsonProperty("value") String value) {
}
