package dev.mlforge.webhooks;

import dev.mlforge.http.MlforgeException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An event a webhook subscribes to, in MLflow's words ({@code model_version_tag.set}), with MLflow's table of the
 * actions each entity has (mlflow/entities/webhook.py {@code VALID_ENTITY_ACTIONS}).
 */
record EventType(Entity entity, Action action) {
    /** What changed; the proto number is what a client may send instead of the name. */
    enum Entity {
        REGISTERED_MODEL(1), MODEL_VERSION(2), MODEL_VERSION_TAG(3), MODEL_VERSION_ALIAS(4), PROMPT(5),
        PROMPT_VERSION(6), PROMPT_TAG(7), PROMPT_VERSION_TAG(8), PROMPT_ALIAS(9), BUDGET_POLICY(10);

        final int number;

        Entity(int number) {
            this.number = number;
        }

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happened to it. */
    enum Action {
        CREATED(1), UPDATED(2), DELETED(3), SET(4), EXCEEDED(5);

        final int number;

        Action(int number) {
            this.number = number;
        }

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Map<Entity, Set<Action>> VALID_ACTIONS = Map.of(
            Entity.REGISTERED_MODEL, EnumSet.of(Action.CREATED),
            Entity.MODEL_VERSION, EnumSet.of(Action.CREATED),
            Entity.MODEL_VERSION_TAG, EnumSet.of(Action.SET, Action.DELETED),
            Entity.MODEL_VERSION_ALIAS, EnumSet.of(Action.CREATED, Action.DELETED),
            Entity.PROMPT, EnumSet.of(Action.CREATED),
            Entity.PROMPT_VERSION, EnumSet.of(Action.CREATED),
            Entity.PROMPT_TAG, EnumSet.of(Action.SET, Action.DELETED),
            Entity.PROMPT_VERSION_TAG, EnumSet.of(Action.SET, Action.DELETED),
            Entity.PROMPT_ALIAS, EnumSet.of(Action.CREATED, Action.DELETED),
            Entity.BUDGET_POLICY, EnumSet.of(Action.EXCEEDED));

    /** MLflow lists a webhook's events ordered by entity, then action (their lower-case names). */
    static final Comparator<EventType> ORDER = Comparator.comparing((EventType type) -> type.entity().value())
            .thenComparing(type -> type.action().value());

    /** Refuses a combination MLflow refuses, with MLflow's message. */
    EventType {
        Set<Action> valid = VALID_ACTIONS.get(entity);
        if (!valid.contains(action)) {
            String names = valid.stream().map(Action::value).sorted().map(name -> "'" + name + "'")
                    .collect(Collectors.joining(", ", "[", "]"));
            throw MlforgeException.invalidParameter("Invalid action '" + action.value() + "' for entity '" + entity.value()
                    + "'. Valid actions are: " + names);
        }
    }

    /** An event as a client writes it: the proto names ({@code MODEL_VERSION}, {@code CREATED}) or numbers. */
    static EventType of(String entity, String action) {
        return new EventType(parse(Entity.class, Entity.values(), entity, "entity", value -> value.number),
                parse(Action.class, Action.values(), action, "action", value -> value.number));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, E[] values, String text, String field,
            java.util.function.ToIntFunction<E> number) {
        if (text == null || text.isEmpty()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'events." + field + "'. "
                    + "See the API docs for more information about request parameters.");
        }
        for (E value : values) {
            if (value.name().equalsIgnoreCase(text) || String.valueOf(number.applyAsInt(value)).equals(text)) {
                return value;
            }
        }
        throw MlforgeException.invalidParameter("Invalid webhook event " + field + " '" + text + "'. Valid values are: "
                + Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** MLflow's string form, {@code model_version_tag.set}. */
    @Override
    public String toString() {
        return entity.value() + "." + action.value();
    }
}
