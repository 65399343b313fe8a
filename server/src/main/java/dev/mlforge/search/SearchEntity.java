package dev.mlforge.search;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The attribute table of one searchable entity, as MLflow's {@code SearchUtils} subclasses hold theirs: which key types
 * a filter may name, which attributes it may compare (with their value kind and comparators) and what may be ordered
 * by. {@link SearchFilterParser} reads every entity's filters and order-by items against its table.
 *
 * @param filterTypes           key types a filter may name ({@code metrics.}, {@code tags.}, ...)
 * @param bareKeysAreAttributes whether {@code name = 'x'} means {@code attributes.name}; runs demand a prefix
 * @param attributes            filterable attributes by key
 * @param orderTypes            key types an order-by item may name
 * @param orderableAttributes   attributes an order-by item may name
 */
public record SearchEntity(String name, Set<EntityType> filterTypes, boolean bareKeysAreAttributes,
        Map<String, Attribute> attributes, Set<EntityType> orderTypes, Set<String> orderableAttributes) {

    /** How an attribute's values are written and compared. */
    public enum Kind { STRING, NUMBER, INTEGER }

    /** A filterable attribute: its value kind and the comparators it accepts, in the order error messages list them. */
    public record Attribute(Kind kind, List<String> comparators) {}

    static final List<String> NUMERIC_COMPARATORS = List.of("=", "!=", ">", ">=", "<", "<=");
    static final List<String> STRING_COMPARATORS = List.of("=", "!=", "LIKE", "ILIKE");
    static final List<String> SET_COMPARATORS = List.of("=", "!=", "LIKE", "ILIKE", "IN", "NOT IN");
    private static final List<String> EQUALITY_OR_SET = List.of("=", "!=", "IN", "NOT IN");
    private static final List<String> NUMERIC_OR_SET = List.of("=", "!=", ">", ">=", "<", "<=", "IN", "NOT IN");
    /** The keys of {@code datasets.<key>} in run filters. */
    static final Set<String> DATASET_KEYS = Set.of("name", "digest", "context");

    private static final Attribute RUN_STRING = new Attribute(Kind.STRING, SET_COMPARATORS);
    private static final Attribute NUMBER = new Attribute(Kind.NUMBER, NUMERIC_COMPARATORS);
    private static final Attribute STRING = new Attribute(Kind.STRING, STRING_COMPARATORS);

    public static final SearchEntity RUNS = new SearchEntity("runs", Set.of(EntityType.values()), false,
            table("run_id", RUN_STRING, "run_name", RUN_STRING, "status", RUN_STRING, "user_id", RUN_STRING,
                    "artifact_uri", RUN_STRING, "start_time", NUMBER, "end_time", NUMBER, "created", NUMBER),
            Set.of(EntityType.METRIC, EntityType.PARAM, EntityType.TAG, EntityType.ATTRIBUTE),
            Set.of("artifact_uri", "end_time", "run_id", "run_name", "start_time", "status", "user_id"));

    public static final SearchEntity EXPERIMENTS = new SearchEntity("experiments",
            Set.of(EntityType.ATTRIBUTE, EntityType.TAG), true,
            table("name", STRING, "creation_time", NUMBER, "last_update_time", NUMBER),
            Set.of(EntityType.ATTRIBUTE), Set.of("name", "experiment_id", "creation_time", "last_update_time"));

    public static final SearchEntity REGISTERED_MODELS = new SearchEntity("registered models",
            Set.of(EntityType.ATTRIBUTE, EntityType.TAG), true, table("name", STRING),
            Set.of(EntityType.ATTRIBUTE), Set.of("name", "timestamp", "creation_timestamp", "last_updated_timestamp"));

    public static final SearchEntity MODEL_VERSIONS = new SearchEntity("model versions",
            Set.of(EntityType.ATTRIBUTE, EntityType.TAG), true,
            table("name", STRING, "version_number", new Attribute(Kind.INTEGER, NUMERIC_OR_SET),
                    "run_id", new Attribute(Kind.STRING, EQUALITY_OR_SET), "source_path", STRING,
                    "current_stage", new Attribute(Kind.STRING, EQUALITY_OR_SET)),
            Set.of(EntityType.ATTRIBUTE),
            Set.of("name", "version_number", "creation_timestamp", "timestamp", "last_updated_timestamp"));

    /**
     * Logged models (MLflow 3): bare keys are attributes, {@code creation_time}/{@code creation_timestamp} and
     * {@code last_updated_timestamp} alias the {@code _ms} columns; order by attributes and metrics.
     */
    public static final SearchEntity LOGGED_MODELS = new SearchEntity("logged models",
            Set.of(EntityType.ATTRIBUTE, EntityType.METRIC, EntityType.PARAM, EntityType.TAG), true,
            table("model_id", RUN_STRING, "experiment_id", RUN_STRING, "name", RUN_STRING, "artifact_location", RUN_STRING,
                    "status", RUN_STRING, "model_type", RUN_STRING, "source_run_id", RUN_STRING, "status_message", RUN_STRING,
                    "creation_timestamp_ms", NUMBER, "creation_timestamp", NUMBER, "creation_time", NUMBER,
                    "last_updated_timestamp_ms", NUMBER, "last_updated_timestamp", NUMBER),
            Set.of(EntityType.ATTRIBUTE, EntityType.METRIC),
            Set.of("model_id", "experiment_id", "name", "artifact_location", "status", "model_type", "source_run_id",
                    "status_message", "creation_timestamp_ms", "creation_timestamp", "creation_time",
                    "last_updated_timestamp_ms", "last_updated_timestamp"));

    /** Traces (MLflow's {@code SearchTraceUtils}): {@code trace.} attributes, {@code tag.} and {@code metadata.} keys. */
    public static final SearchEntity TRACES = new SearchEntity("traces",
            Set.of(EntityType.ATTRIBUTE, EntityType.TAG, EntityType.METADATA), true,
            table("request_id", RUN_STRING, "trace_id", RUN_STRING, "timestamp", NUMBER, "timestamp_ms", NUMBER,
                    "execution_time", NUMBER, "execution_time_ms", NUMBER, "end_time", NUMBER, "end_time_ms", NUMBER,
                    "status", RUN_STRING, "state", RUN_STRING, "client_request_id", STRING, "name", RUN_STRING,
                    "run_id", STRING),
            Set.of(EntityType.ATTRIBUTE),
            Set.of("experiment_id", "timestamp", "timestamp_ms", "execution_time", "execution_time_ms", "end_time",
                    "end_time_ms", "status", "request_id", "trace_id"));

    public SearchEntity {
        attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    private static Map<String, Attribute> table(Object... keysAndAttributes) {
        Map<String, Attribute> table = new TreeMap<>();
        for (int i = 0; i < keysAndAttributes.length; i += 2) {
            table.put((String) keysAndAttributes[i], (Attribute) keysAndAttributes[i + 1]);
        }
        return table;
    }
}
