package dev.mlforge.api.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET /v2} (Open Inference Protocol server metadata).
 *
 * @param name the server's name, {@code mlforge}
 * @param version the server's version
 * @param extensions the protocol extensions supported (none)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ServerMetadataResponse(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("extensions") List<String> extensions) {}
