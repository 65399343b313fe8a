package dev.mlforge.api.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One output of a succeeded step: a file or folder ({@code kind = file}, with {@code path}) or a JSON value
 * ({@code kind = value}, with {@code value}).
 *
 * @param kind {@code file} or {@code value}
 * @param path the file or folder on the server, for a file output
 * @param value the value (text, number, boolean, list or object), for a value output; null is left out
 * @param digest the SHA-256 of the content, which downstream cache keys are computed from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StepOutput(
        @JsonProperty("kind") String kind,
        @JsonProperty("path") String path,
        @JsonProperty("value") Object value,
        @JsonProperty("digest") String digest) {}
