package dev.mlforge.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The registry's JSON shapes: MLflow's model_registry.proto messages, and the platform's additions. */
final class RegistryJson {
    private RegistryJson() {}

    static ObjectNode registeredModel(RegisteredModelEntity model) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", model.name());
        node.put("creation_timestamp", model.creationTimestamp());
        node.put("last_updated_timestamp", model.lastUpdatedTimestamp());
        putIfPresent(node, "user_id", model.userId());
        putIfPresent(node, "description", model.description());
        if (!model.latestVersions().isEmpty()) {
            ArrayNode latest = node.putArray("latest_versions");
            model.latestVersions().forEach(version -> latest.add(modelVersion(version)));
        }
        putTags(node, model.tags());
        if (!model.aliases().isEmpty()) {
            ArrayNode aliases = node.putArray("aliases");
            model.aliases().forEach((alias, version) -> aliases.addObject().put("alias", alias).put("version", String.valueOf(version)));
        }
        return node;
    }

    static ObjectNode modelVersion(ModelVersionEntity version) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", version.name());
        node.put("version", String.valueOf(version.version()));
        node.put("creation_timestamp", version.creationTimestamp());
        node.put("last_updated_timestamp", version.lastUpdatedTimestamp());
        putIfPresent(node, "user_id", version.userId());
        node.put("current_stage", version.currentStage().canonical());
        putIfPresent(node, "description", version.description());
        node.put("source", version.source());
        putIfPresent(node, "run_id", version.runId());
        node.put("status", version.status());
        putIfPresent(node, "status_message", version.statusMessage());
        putTags(node, version.tags());
        putIfPresent(node, "run_link", version.runLink());
        if (!version.aliases().isEmpty()) {
            ArrayNode aliases = node.putArray("aliases");
            version.aliases().forEach(aliases::add);
        }
        putIfPresent(node, "model_id", version.loggedModelId());
        return node;
    }

    static ObjectNode versionDetails(ModelVersionEntity version, ModelMetadata metadata) {
        ObjectNode node = modelVersion(version);
        putIfPresent(node, "code_version", version.codeVersion());
        node.put("storage_location", "mlflow-artifacts:/" + version.storagePath());
        node.set("flavors", metadata.flavors());
        node.set("signature", metadata.signature());
        return node;
    }

    static ObjectNode event(HistoryEvent event) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", event.id());
        node.put("version", String.valueOf(event.version()));
        node.put("kind", event.kind());
        putIfPresent(node, "alias", event.alias());
        node.put("from", event.from());
        node.put("to", event.to());
        node.put("user", event.user());
        node.put("timestamp", event.timestamp());
        node.put("comment", event.comment());
        return node;
    }

    static ObjectNode rule(ApprovalRuleEntity rule) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", rule.modelName());
        ArrayNode stages = node.putArray("protected_stages");
        rule.protectedStages().forEach(stage -> stages.add(stage.canonical()));
        ArrayNode aliases = node.putArray("protected_aliases");
        rule.protectedAliases().forEach(aliases::add);
        ArrayNode gates = node.putArray("gates");
        rule.gates().forEach(gate -> gates.add(gate.toString()));
        node.put("require_second_approver", rule.requireSecondApprover());
        putIfPresent(node, "user_id", rule.userId());
        node.put("last_updated_timestamp", rule.lastUpdatedTimestamp());
        return node;
    }

    static ObjectNode request(TransitionRequestEntity request) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("id", String.valueOf(request.id()));
        node.put("name", request.modelName());
        node.put("version", String.valueOf(request.version()));
        node.put(request.targetKind(), request.target());
        node.put("archive_existing_versions", request.archiveExistingVersions());
        node.put("status", request.status());
        putIfPresent(node, "comment", request.comment());
        putIfPresent(node, "requested_by", request.requestedBy());
        node.put("creation_timestamp", request.creationTimestamp());
        putIfPresent(node, "decided_by", request.decidedBy());
        putIfPresent(node, "decision_comment", request.decisionComment());
        if (request.decisionTimestamp() != null) {
            node.put("decision_timestamp", request.decisionTimestamp());
        }
        return node;
    }

    static ObjectNode verification(ModelVersionEntity version, Verification verification) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("name", version.name());
        node.put("version", String.valueOf(version.version()));
        node.put("intact", verification.intact());
        node.put("files_recorded", verification.filesRecorded());
        node.set("modified", Json.mapper().valueToTree(verification.modified()));
        node.set("missing", Json.mapper().valueToTree(verification.missing()));
        node.set("added", Json.mapper().valueToTree(verification.added()));
        node.put("files_present", verification.filesPresent());
        return node;
    }

    /**
     * The {@code tags} field of a create request as a map (a repeated key keeps its last value); a tag without a key
     * is refused, one without a value has the empty value.
     */
    static <T> Map<String, String> tags(List<T> tags, Function<T, String> key, Function<T, String> value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (T tag : tags) {
            if (key.apply(tag) == null) {
                throw MlforgeException.invalidParameter("Missing value for required parameter 'tags.key'.");
            }
            map.put(key.apply(tag), value.apply(tag) == null ? "" : value.apply(tag));
        }
        return map;
    }

    static ObjectNode page(String field, List<ObjectNode> items, String nextPageToken) {
        ObjectNode node = Json.mapper().createObjectNode();
        ArrayNode array = node.putArray(field);
        items.forEach(array::add);
        if (nextPageToken != null) {
            node.put("next_page_token", nextPageToken);
        }
        return node;
    }

    private static void putTags(ObjectNode node, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            ArrayNode array = node.putArray("tags");
            tags.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
