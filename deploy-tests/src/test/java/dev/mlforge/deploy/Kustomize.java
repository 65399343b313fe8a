package dev.mlforge.deploy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The subset of {@code kustomize build} that deploy/kubernetes uses, so the overlays can be rendered and checked
 * without the binary: {@code resources} (files and directories), {@code namespace}, and {@code patches} with a
 * {@code target} (kind, name) and a JSON 6902 {@code patch} (add, replace, remove). Anything else in a
 * kustomization fails the build, so the manifests cannot drift into features this renderer would silently skip.
 */
final class Kustomize {
    private static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PersistentVolume");

    private Kustomize() {
    }

    static List<ObjectNode> build(Path directory) {
        ObjectNode kustomization = Repo.yaml(directory.resolve("kustomization.yaml"));
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!KNOWN_FIELDS.contains(field)) {
                throw new AssertionError(directory + "/kustomization.yaml uses '" + field + "', which this renderer does not apply");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(build(path));
            } else if (Files.isRegularFile(path)) {
                Repo.yamlDocuments(path).forEach(document -> objects.add((ObjectNode) document));
            } else {
                throw new AssertionError(directory + "/kustomization.yaml names " + resource.asText() + ", which does not exist");
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            String kind = patch.path("target").path("kind").asText();
            String name = patch.path("target").path("name").asText();
            List<ObjectNode> targets = objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                    && o.path("metadata").path("name").asText().equals(name)).toList();
            if (targets.isEmpty()) {
                throw new AssertionError(directory + ": a patch targets " + kind + "/" + name + ", which no resource is");
            }
            JsonNode operations = Repo.YAML.valueToTree(parsePatch(patch.path("patch").asText()));
            targets.forEach(target -> operations.forEach(operation -> apply(target, operation, directory)));
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            objects.stream().filter(o -> !CLUSTER_SCOPED.contains(o.path("kind").asText()))
                    .forEach(o -> ((ObjectNode) o.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    private static Object parsePatch(String text) {
        try {
            return Repo.YAML.readValue(text, List.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("a patch is not a YAML list of operations: " + e.getMessage(), e);
        }
    }

    /** One JSON 6902 operation; replace and remove need the path to exist, add needs its parent to. */
    private static void apply(ObjectNode target, JsonNode operation, Path directory) {
        String op = operation.path("op").asText();
        JsonPointer path = JsonPointer.compile(operation.path("path").asText());
        JsonNode parent = target.at(path.head());
        String last = path.last().getMatchingProperty();
        String where = directory + ": " + op + " " + path + " on " + target.path("kind").asText();
        if (parent.isMissingNode()) {
            throw new AssertionError(where + ": the parent does not exist");
        }
        boolean exists = !target.at(path).isMissingNode();
        if ((op.equals("replace") || op.equals("remove")) && !exists) {
            throw new AssertionError(where + ": nothing to " + op + " there");
        }
        JsonNode value = operation.get("value");
        if (parent instanceof ObjectNode object) {
            switch (op) {
                case "add", "replace" -> object.set(last, value.deepCopy());
                case "remove" -> object.remove(last);
                default -> throw new AssertionError(where + ": unsupported operation");
            }
        } else if (parent instanceof ArrayNode array) {
            int index = last.equals("-") ? array.size() : Integer.parseInt(last);
            switch (op) {
                case "add" -> array.insert(index, value.deepCopy());
                case "replace" -> array.set(index, value.deepCopy());
                case "remove" -> array.remove(index);
                default -> throw new AssertionError(where + ": unsupported operation");
            }
        } else {
            throw new AssertionError(where + ": the parent is a scalar");
        }
    }
}
