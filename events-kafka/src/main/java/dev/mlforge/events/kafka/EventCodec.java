package dev.mlforge.events.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mlforge.events.AlertChanged;
import dev.mlforge.events.AliasChanged;
import dev.mlforge.events.DriftDetected;
import dev.mlforge.events.Event;
import dev.mlforge.events.ModelRegistered;
import dev.mlforge.events.ModelVersionDeleted;
import dev.mlforge.events.ModelVersionTagChanged;
import dev.mlforge.events.PipelineFinished;
import dev.mlforge.events.RegisteredModelCreated;
import dev.mlforge.events.RegisteredModelTagChanged;
import dev.mlforge.events.ModelVersionTransitioned;
import dev.mlforge.serving.DeploymentRolledBack;
import dev.mlforge.serving.ModelDeployed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The events as versioned JSON records on the topic:
 * {@code {"type":"alias_changed","version":1,"workspace":"team-b","data":{...}}}, the data being the event record's
 * components (times as ISO-8601 text; nested because several events have a {@code version} field of their own), the
 * workspace the one it was published in (absent from the records of servers from before workspaces, which read
 * records that have it as before: it is an added field, not a new version). The version changes when a type's data
 * changes incompatibly. The record key is the entity the event is
 * about (the registered model's name, the deployment's name, the pipeline's name), so the events of one entity land in one partition and
 * keep their order. A reader skips types and versions it does not know instead of failing.
 */
final class EventCodec {
    static final int VERSION = 1;

    private static final Map<String, Class<? extends Event>> TYPES = new LinkedHashMap<>();
    static {
        TYPES.put("registered_model_created", RegisteredModelCreated.class);
        TYPES.put("registered_model_tag_changed", RegisteredModelTagChanged.class);
        TYPES.put("model_registered", ModelRegistered.class);
        TYPES.put("model_version_tag_changed", ModelVersionTagChanged.class);
        TYPES.put("model_version_transitioned", ModelVersionTransitioned.class);
        TYPES.put("alias_changed", AliasChanged.class);
        TYPES.put("model_version_deleted", ModelVersionDeleted.class);
        TYPES.put("model_deployed", ModelDeployed.class);
        TYPES.put("deployment_rolled_back", DeploymentRolledBack.class);
        TYPES.put("drift_detected", DriftDetected.class);
        TYPES.put("alert_changed", AlertChanged.class);
        TYPES.put("pipeline_finished", PipelineFinished.class);
    }

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    /** The type names the codec knows, in a stable order. */
    static Map<String, Class<? extends Event>> types() {
        return Map.copyOf(TYPES);
    }

    /** The type name of an event, or empty for an event class the topic format does not define. */
    static Optional<String> typeOf(Event event) {
        return TYPES.entrySet().stream().filter(entry -> entry.getValue() == event.getClass())
                .map(Map.Entry::getKey).findFirst();
    }

    /** The entity the event is about: its registered model or deployment. */
    static String key(Event event) {
        if (event instanceof RegisteredModelCreated e) return "model:" + e.modelName();
        if (event instanceof RegisteredModelTagChanged e) return "model:" + e.modelName();
        if (event instanceof ModelRegistered e) return "model:" + e.modelName();
        if (event instanceof ModelVersionTagChanged e) return "model:" + e.modelName();
        if (event instanceof ModelVersionTransitioned e) return "model:" + e.modelName();
        if (event instanceof AliasChanged e) return "model:" + e.modelName();
        if (event instanceof ModelVersionDeleted e) return "model:" + e.modelName();
        if (event instanceof ModelDeployed e) return "deployment:" + e.deployment();
        if (event instanceof DeploymentRolledBack e) return "deployment:" + e.deployment();
        if (event instanceof DriftDetected e) return "deployment:" + e.deployment();
        if (event instanceof AlertChanged e) return "deployment:" + e.deployment();
        if (event instanceof PipelineFinished e) return "pipeline:" + e.pipeline();
        return "event:" + event.getClass().getSimpleName();
    }

    /** A record read from the topic: its event and workspace (null when the record names none). */
    record Received(Event event, String workspace) {}

    /** The record of {@code event} published in {@code workspace} (null: a record without a workspace). */
    byte[] encode(Event event, String workspace) {
        String type = typeOf(event).orElseThrow(() -> new IllegalArgumentException(
                "no topic type for event class " + event.getClass().getName()));
        ObjectNode node = mapper.createObjectNode();
        node.put("type", type);
        node.put("version", VERSION);
        if (workspace != null) {
            node.put("workspace", workspace);
        }
        node.set("data", mapper.valueToTree(event));
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event and its workspace, or empty when the record is of a type or version this server does not know. */
    Optional<Received> decode(byte[] value) throws IOException {
        JsonNode node = mapper.readTree(value);
        Class<? extends Event> type = TYPES.get(node.path("type").asText(""));
        if (type == null || node.path("version").asInt(-1) != VERSION) {
            return Optional.empty();
        }
        String workspace = node.path("workspace").asText("");
        return Optional.of(new Received(mapper.treeToValue(node.path("data"), type), workspace.isEmpty() ? null : workspace));
    }
}
