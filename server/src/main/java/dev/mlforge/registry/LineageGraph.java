package dev.mlforge.registry;

import java.util.List;
import java.util.Map;

/**
 * Provenance as a graph. Node ids are {@code dataset:<digest>}, {@code run:<id>}, {@code logged_model:<model_id>},
 * {@code model:<name>/<version>} and {@code deployment:<name>}; edges run from cause to effect: dataset {@code trained}
 * run, run {@code produced} model (MLflow 2: registered from the run's files) or run {@code logged} logged model
 * {@code registered_as} model (MLflow 3), model {@code deployed_as} deployment.
 */
public record LineageGraph(List<Node> nodes, List<Edge> edges) {
    public record Node(String id, String type, Map<String, Object> attributes) {}

    public record Edge(String from, String to, String relation) {}
}
