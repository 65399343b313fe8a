package dev.mlforge.api.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Provenance as a graph ({@code GET /api/v1/lineage}). Node ids are {@code dataset:<digest>}, {@code run:<id>},
 * {@code model:<name>/<version>} and {@code deployment:<name>}; edges run from cause to effect.
 *
 * @param nodes the datasets, runs, model versions and deployments
 * @param edges {@code trained}, {@code produced} and {@code deployed_as} relations
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Lineage(@JsonProperty("nodes") List<Node> nodes, @JsonProperty("edges") List<Edge> edges) {

    /**
     * A node.
     *
     * @param id the node id
     * @param type {@code dataset}, {@code run}, {@code model_version} or {@code deployment}
     * @param attributes what is known about it
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(@JsonProperty("id") String id, @JsonProperty("type") String type,
            @JsonProperty("attributes") Map<String, Object> attributes) {}

    /**
     * An edge from cause to effect.
     *
     * @param from the cause's node id
     * @param to the effect's node id
     * @param relation the relation
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Edge(@JsonProperty("from") String from, @JsonProperty("to") String to,
            @JsonProperty("relation") String relation) {}
}
