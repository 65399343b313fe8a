package dev.mlforge.webhooks;

import dev.mlforge.events.AliasChanged;
import dev.mlforge.events.Event;
import dev.mlforge.events.ModelRegistered;
import dev.mlforge.events.ModelVersionTagChanged;
import dev.mlforge.events.RegisteredModelCreated;
import dev.mlforge.events.RegisteredModelTagChanged;
import dev.mlforge.http.Json;
import dev.mlforge.webhooks.EventType.Action;
import dev.mlforge.webhooks.EventType.Entity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns registry events into MLflow's webhook notices, as MLflow's handlers build them (mlflow/server/handlers.py, the
 * {@code deliver_webhook} calls; payload types in mlflow/webhooks/types.py): the same field order, the prompt
 * variants, the prompt's internal tags left out, and the example payloads the test route sends.
 */
final class Payloads {
    static final String IS_PROMPT_TAG = "mlflow.prompt.is_prompt";
    static final String PROMPT_TYPE_TAG = "_mlflow_prompt_type";
    static final String PROMPT_TEXT_TAG = "mlflow.prompt.text";

    private final PromptModels prompts;

    Payloads(PromptModels prompts) {
        this.prompts = prompts;
    }

    /** The notice MLflow sends for {@code event}; empty for events it announces to nobody (a model's own tags). */
    Optional<Notice> of(Event event) {
        if (event instanceof RegisteredModelCreated created) {
            return Optional.of(modelCreated(created));
        } else if (event instanceof ModelRegistered registered) {
            return Optional.of(versionCreated(registered));
        } else if (event instanceof ModelVersionTagChanged tag) {
            boolean prompt = prompts.isPrompt(tag.modelName());
            Map<String, Object> data = fields("name", tag.modelName(), "version", tag.version(), "key", tag.key());
            if (tag.value() != null) {
                data.put("value", tag.value());
            }
            return Optional.of(new Notice(new EventType(prompt ? Entity.PROMPT_VERSION_TAG : Entity.MODEL_VERSION_TAG,
                    tag.value() == null ? Action.DELETED : Action.SET), data));
        } else if (event instanceof RegisteredModelTagChanged tag) {
            if (!prompts.isPrompt(tag.modelName())) {
                return Optional.empty();
            }
            Map<String, Object> data = fields("name", tag.modelName(), "key", tag.key());
            if (tag.value() != null) {
                data.put("value", tag.value());
            }
            return Optional.of(new Notice(new EventType(Entity.PROMPT_TAG, tag.value() == null ? Action.DELETED : Action.SET), data));
        } else if (event instanceof AliasChanged alias) {
            boolean prompt = prompts.isPrompt(alias.modelName());
            Map<String, Object> data = fields("name", alias.modelName(), "alias", alias.alias());
            if (alias.version() != null) {
                data.put("version", alias.version());
            }
            return Optional.of(new Notice(new EventType(prompt ? Entity.PROMPT_ALIAS : Entity.MODEL_VERSION_ALIAS,
                    alias.version() == null ? Action.DELETED : Action.CREATED), data));
        }
        return Optional.empty();
    }

    /** MLflow passes the request's description as is here: the proto default, an empty string, when none was sent. */
    private static Notice modelCreated(RegisteredModelCreated created) {
        boolean prompt = created.tags().containsKey(IS_PROMPT_TAG);
        Map<String, Object> data = fields("name", created.modelName(),
                "tags", prompt ? without(created.tags(), Set.of(IS_PROMPT_TAG, PROMPT_TYPE_TAG)) : created.tags(),
                "description", created.description() == null ? "" : created.description());
        return new Notice(new EventType(prompt ? Entity.PROMPT : Entity.REGISTERED_MODEL, Action.CREATED), data);
    }

    private static Notice versionCreated(ModelRegistered registered) {
        String description = registered.description() == null || registered.description().isEmpty() ? null : registered.description();
        if (registered.tags().containsKey(IS_PROMPT_TAG)) {
            return new Notice(new EventType(Entity.PROMPT_VERSION, Action.CREATED), fields("name", registered.modelName(),
                    "version", registered.version(), "template", registered.tags().get(PROMPT_TEXT_TAG),
                    "tags", without(registered.tags(), Set.of(IS_PROMPT_TAG, PROMPT_TYPE_TAG, PROMPT_TEXT_TAG)),
                    "description", description));
        }
        String runId = registered.runId() == null || registered.runId().isEmpty() ? null : registered.runId();
        return new Notice(new EventType(Entity.MODEL_VERSION, Action.CREATED), fields("name", registered.modelName(),
                "version", registered.version(), "source", registered.source(), "run_id", runId,
                "tags", registered.tags(), "description", description));
    }

    /** MLflow's example payloads (mlflow/webhooks/types.py {@code example()}), by event, in its field order. */
    private static final Map<String, Map<String, Object>> EXAMPLES = readExamples();

    /** MLflow's example payload of {@code type}, sent by the test route. */
    static Notice example(EventType type) {
        return new Notice(type, EXAMPLES.get(type.toString()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> readExamples() {
        try (java.io.InputStream in = Payloads.class.getResourceAsStream("example-payloads.json")) {
            return Json.mapper().readValue(in, LinkedHashMap.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("example-payloads.json is part of the jar", e);
        }
    }

    private static Map<String, String> without(Map<String, String> tags, Set<String> keys) {
        Map<String, String> kept = new LinkedHashMap<>(tags);
        kept.keySet().removeAll(keys);
        return kept;
    }

    /** An ordered, modifiable map of alternating keys and values (values may be null). */
    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
