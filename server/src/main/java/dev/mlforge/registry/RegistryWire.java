package dev.mlforge.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.registry.ApprovalRule;
import dev.mlforge.api.registry.ModelVersion;
import dev.mlforge.api.registry.ModelVersionDetails;
import dev.mlforge.api.registry.ModelVersionTag;
import dev.mlforge.api.registry.RegisteredModel;
import dev.mlforge.api.registry.RegisteredModelAlias;
import dev.mlforge.api.registry.RegisteredModelTag;
import dev.mlforge.api.registry.TransitionRequest;
import dev.mlforge.api.registry.VersionHistory;
import dev.mlforge.api.registry.VersionVerification;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps the registry's domain entities to api-model's wire records (MLflow's model_registry.proto messages and the
 * platform's additions), so that every registry answer is a record the SDK reads back.
 */
final class RegistryWire {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private RegistryWire() {}

    static RegisteredModel registeredModel(RegisteredModelEntity model) {
        List<RegisteredModelAlias> aliases = model.aliases().entrySet().stream()
                .map(alias -> new RegisteredModelAlias(alias.getKey(), String.valueOf(alias.getValue()))).toList();
        return new RegisteredModel(model.name(), model.creationTimestamp(), model.lastUpdatedTimestamp(), model.userId(),
                model.description(), orNull(model.latestVersions().stream().map(RegistryWire::modelVersion).toList()),
                orNull(model.tags().entrySet().stream()
                        .map(tag -> new RegisteredModelTag(tag.getKey(), tag.getValue())).toList()),
                orNull(aliases));
    }

    static ModelVersion modelVersion(ModelVersionEntity version) {
        return new ModelVersion(version.name(), String.valueOf(version.version()), version.creationTimestamp(),
                version.lastUpdatedTimestamp(), version.userId(), version.currentStage().canonical(), version.description(),
                version.source(), wireRunId(version), version.status(), version.statusMessage(), versionTags(version),
                wireRunLink(version), orNull(version.aliases()), version.loggedModelId());
    }

    /**
     * A version registered without a run reads back with {@code run_id} {@code ""}, as from MLflow's server (its handler
     * stores the request's unset proto field, the empty string), not without the field.
     */
    private static String wireRunId(ModelVersionEntity version) {
        return version.runId() == null ? "" : version.runId();
    }

    /** Likewise {@code run_link}: MLflow's handler stores the request's unset field, so it reads back {@code ""}. */
    private static String wireRunLink(ModelVersionEntity version) {
        return version.runLink() == null ? "" : version.runLink();
    }

    static ModelVersionDetails versionDetails(ModelVersionEntity version, ModelMetadata metadata) {
        return new ModelVersionDetails(version.name(), String.valueOf(version.version()), version.creationTimestamp(),
                version.lastUpdatedTimestamp(), version.userId(), version.currentStage().canonical(), version.description(),
                version.source(), wireRunId(version), version.status(), version.statusMessage(), versionTags(version),
                wireRunLink(version), orNull(version.aliases()), version.loggedModelId(), version.codeVersion(),
                "mlflow-artifacts:/" + version.storagePath(), object(metadata.flavors()), object(metadata.signature()));
    }

    static VersionHistory.Event event(HistoryEvent event) {
        return new VersionHistory.Event(event.id(), String.valueOf(event.version()), event.kind(), event.alias(),
                event.from(), event.to(), event.user(), event.timestamp(), event.comment());
    }

    static ApprovalRule rule(ApprovalRuleEntity rule) {
        return new ApprovalRule(rule.modelName(), rule.protectedStages().stream().map(Stage::canonical).toList(),
                List.copyOf(rule.protectedAliases()), rule.gates().stream().map(MetricGate::toString).toList(),
                rule.requireSecondApprover(), rule.userId(), rule.lastUpdatedTimestamp());
    }

    static TransitionRequest request(TransitionRequestEntity request) {
        boolean stage = "stage".equals(request.targetKind());
        return new TransitionRequest(String.valueOf(request.id()), request.modelName(), String.valueOf(request.version()),
                stage ? request.target() : null, stage ? null : request.target(), request.archiveExistingVersions(),
                request.status(), request.comment(), request.requestedBy(), request.creationTimestamp(),
                request.decidedBy(), request.decisionComment(), request.decisionTimestamp());
    }

    static VersionVerification verification(ModelVersionEntity version, Verification verification) {
        return new VersionVerification(version.name(), String.valueOf(version.version()), verification.intact(),
                verification.filesRecorded(), verification.modified(), verification.missing(), verification.added(),
                verification.filesPresent());
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

    private static List<ModelVersionTag> versionTags(ModelVersionEntity version) {
        return orNull(version.tags().entrySet().stream().map(tag -> new ModelVersionTag(tag.getKey(), tag.getValue())).toList());
    }

    /** MLflow leaves out a repeated field without elements. */
    static <T> List<T> orNull(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    /** An MLmodel mapping as the record's JSON object, keys in file order; null for a missing or JSON-null node. */
    private static Map<String, Object> object(JsonNode node) {
        return node == null || node.isNull() ? null : Json.mapper().convertValue(node, OBJECT);
    }
}
