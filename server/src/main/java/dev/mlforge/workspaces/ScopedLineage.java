package dev.mlforge.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mlforge.http.AccessRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A lineage graph ({@code GET /api/v1/lineage}) cut to one workspace: a node of another workspace (a run or logged
 * model of its experiment, a model version, deployment or dataset) is left out, and so is everything the graph reached
 * only through such a node: the walk from the root does not cross into another workspace.
 */
final class ScopedLineage {
    private final WorkspaceService workspaces;
    private final WorkspaceResources resources;

    ScopedLineage(WorkspaceService workspaces, WorkspaceResources resources) {
        this.workspaces = workspaces;
        this.resources = resources;
    }

    /** The id of the node the request asks the lineage of, as {@code LineageGraph} names it. */
    static String root(AccessRequest request) {
        if (request.queryParam("logged_model_id") != null) {
            return "logged_model:" + request.queryParam("logged_model_id");
        }
        if (request.queryParam("model") != null) {
            return "model:" + request.queryParam("model") + "/" + request.queryParam("version");
        }
        return "dataset:" + request.queryParam("dataset_digest");
    }

    String kept(String body, String root, String workspace) {
        JsonNode graph = WorkspaceScope.tree(body);
        if (!(graph.get("nodes") instanceof ArrayNode nodes) || !(graph.get("edges") instanceof ArrayNode edges)) {
            return body;
        }
        Set<String> inWorkspace = new HashSet<>();
        for (JsonNode node : nodes) {
            if (home(node).map(workspace::equals).orElse(true)) {
                inWorkspace.add(node.path("id").asText());
            }
        }
        Set<String> reached = reachable(root, edges, inWorkspace);
        if (reached.size() == nodes.size()) {
            return body;
        }
        removeIf(nodes, node -> !reached.contains(node.path("id").asText()));
        removeIf(edges, edge -> !reached.contains(edge.path("from").asText()) || !reached.contains(edge.path("to").asText()));
        return WorkspaceScope.write(graph);
    }

    /** The nodes connected to the root through nodes of the workspace, whichever way the edges run. */
    private static Set<String> reachable(String root, ArrayNode edges, Set<String> inWorkspace) {
        Map<String, List<String>> neighbours = new HashMap<>();
        for (JsonNode edge : edges) {
            String from = edge.path("from").asText();
            String to = edge.path("to").asText();
            if (inWorkspace.contains(from) && inWorkspace.contains(to)) {
                neighbours.computeIfAbsent(from, id -> new java.util.ArrayList<>()).add(to);
                neighbours.computeIfAbsent(to, id -> new java.util.ArrayList<>()).add(from);
            }
        }
        Set<String> reached = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        if (inWorkspace.contains(root)) {
            next.add(root);
        }
        while (!next.isEmpty()) {
            String id = next.poll();
            if (reached.add(id)) {
                next.addAll(neighbours.getOrDefault(id, List.of()));
            }
        }
        return reached;
    }

    /** The workspace a node lives in; empty when it names nothing stored (then it is kept). */
    private Optional<String> home(JsonNode node) {
        JsonNode attributes = node.path("attributes");
        return switch (node.path("type").asText()) {
            case "run" -> resources.experimentOfRun(attributes.path("run_id").asText())
                    .flatMap(experiment -> workspaces.workspaceOf(Scoped.EXPERIMENT, experiment));
            case "logged_model" -> resources.experimentOfLoggedModel(attributes.path("model_id").asText())
                    .flatMap(experiment -> workspaces.workspaceOf(Scoped.EXPERIMENT, experiment));
            case "model_version" -> workspaces.workspaceOf(Scoped.REGISTERED_MODEL, attributes.path("name").asText());
            case "deployment" -> workspaces.workspaceOf(Scoped.DEPLOYMENT, attributes.path("name").asText());
            case "dataset" -> workspaces.workspaceOf(Scoped.DATASET_DIGEST, attributes.path("digest").asText());
            default -> Optional.empty();
        };
    }

    private static void removeIf(ArrayNode items, java.util.function.Predicate<JsonNode> drop) {
        for (Iterator<JsonNode> iterator = items.iterator(); iterator.hasNext(); ) {
            if (drop.test(iterator.next())) {
                iterator.remove();
            }
        }
    }
}
