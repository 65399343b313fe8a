package dev.mlforge.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.features.OnlineStore.OnlineRow;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Online lookups answered in Feast's {@code /get-online-features} shape: {@code metadata.feature_names} (the entity
 * columns, then the features), and {@code results}, one per name, each with the {@code values}, {@code statuses}
 * ({@code PRESENT}, {@code NOT_FOUND}, {@code OUTSIDE_MAX_AGE}) and {@code event_timestamps} of every entity row.
 * A value older than its view's TTL is reported as Feast's feature server does: null, with status OUTSIDE_MAX_AGE.
 */
public final class OnlineFeatures {
    private static final String EPOCH = "1970-01-01T00:00:00Z";
    static final int MAX_ROWS = 10_000;

    private final FeatureCatalog catalog;
    private final OnlineStore online;
    private final Clock clock;

    OnlineFeatures(FeatureCatalog catalog, OnlineStore online, Clock clock) {
        this.catalog = catalog;
        this.online = online;
        this.clock = clock;
    }

    /** A Feast request: {@code features} or {@code feature_service}, {@code entities}, {@code full_feature_names}. */
    public ObjectNode get(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw MlforgeException.invalidParameter("The request must be a JSON object with 'entities' and 'features' or "
                    + "'feature_service'");
        }
        JsonNode features = request.get("features");
        JsonNode service = request.get("feature_service");
        List<String> references = features == null || features.isNull() ? null
                : DefinitionCodec.textList(features, "'features'");
        if (service != null && !service.isNull() && !service.isTextual()) {
            throw MlforgeException.invalidParameter("'feature_service' must be a string, got " + service);
        }
        JsonNode fullNames = request.get("full_feature_names");
        if (fullNames != null && !fullNames.isNull() && !fullNames.isBoolean()) {
            throw MlforgeException.invalidParameter("'full_feature_names' must be true or false, got " + fullNames);
        }
        Map<FeatureView, List<FeatureField>> resolved = catalog.resolve(references,
                service == null || service.isNull() ? null : service.asText());
        return lookup(entities(request.get("entities")), resolved, fullNames != null && fullNames.asBoolean());
    }

    /** The entity columns of a request: join key to its values, every list as long as the others. */
    static Map<String, List<JsonNode>> entities(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw MlforgeException.invalidParameter("'entities' must be an object of join key to a list of values, "
                    + "like {\"driver_id\": [1001, 1002]}");
        }
        Map<String, List<JsonNode>> columns = new LinkedHashMap<>();
        int rows = -1;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode values = field.getValue();
            if (!values.isArray()) {
                throw MlforgeException.invalidParameter("entities '" + field.getKey() + "' must be a list of values, got " + values);
            }
            if (rows >= 0 && values.size() != rows) {
                throw MlforgeException.invalidParameter("All entity lists must have the same length: '" + field.getKey() + "' has "
                        + values.size() + " values, the others " + rows);
            }
            rows = values.size();
            List<JsonNode> list = new ArrayList<>();
            for (JsonNode value : values) {
                if (!value.isNumber() && !value.isTextual()) {
                    throw MlforgeException.invalidParameter("entities '" + field.getKey()
                            + "' values must be numbers or strings, got " + value);
                }
                list.add(value);
            }
            columns.put(field.getKey(), list);
        }
        if (rows == 0 || rows > MAX_ROWS) {
            throw MlforgeException.invalidParameter("'entities' must hold between 1 and " + MAX_ROWS + " rows, got " + rows);
        }
        return columns;
    }

    ObjectNode lookup(Map<String, List<JsonNode>> entities, Map<FeatureView, List<FeatureField>> resolved, boolean fullNames) {
        int rows = entities.values().iterator().next().size();
        ObjectNode response = Json.mapper().createObjectNode();
        ArrayNode names = response.putObject("metadata").putArray("feature_names");
        ArrayNode results = response.putArray("results");
        for (Map.Entry<String, List<JsonNode>> column : entities.entrySet()) {
            names.add(column.getKey());
            ObjectNode result = results.addObject();
            ArrayNode values = result.putArray("values");
            ArrayNode statuses = result.putArray("statuses");
            ArrayNode timestamps = result.putArray("event_timestamps");
            for (JsonNode value : column.getValue()) {
                values.add(value);
                statuses.add("PRESENT");
                timestamps.add(EPOCH);
            }
        }
        long now = clock.millis();
        for (Map.Entry<FeatureView, List<FeatureField>> entry : resolved.entrySet()) {
            FeatureView view = entry.getKey();
            List<String> keys = keysOf(view, entities, rows);
            Map<String, OnlineRow> found = online.read(view.name(), new java.util.HashSet<>(keys));
            for (FeatureField feature : entry.getValue()) {
                names.add(fullNames ? view.name() + "__" + feature.name() : feature.name());
                ObjectNode result = results.addObject();
                ArrayNode values = result.putArray("values");
                ArrayNode statuses = result.putArray("statuses");
                ArrayNode timestamps = result.putArray("event_timestamps");
                for (String key : keys) {
                    OnlineRow row = found.get(key);
                    if (row == null) {
                        values.addNull();
                        statuses.add("NOT_FOUND");
                        timestamps.add(EPOCH);
                    } else if (view.ttlSeconds() > 0 && row.eventMillis() < now - view.ttlSeconds() * 1000) {
                        values.addNull();
                        statuses.add("OUTSIDE_MAX_AGE");
                        timestamps.add(Instant.ofEpochMilli(row.eventMillis()).toString());
                    } else {
                        Object value = row.values().get(feature.name());
                        values.add(Json.mapper().<JsonNode>valueToTree(value));
                        statuses.add(value == null ? "NULL_VALUE" : "PRESENT");
                        timestamps.add(Instant.ofEpochMilli(row.eventMillis()).toString());
                    }
                }
            }
        }
        return response;
    }

    private List<String> keysOf(FeatureView view, Map<String, List<JsonNode>> entities, int rows) {
        List<String> joinKeys = catalog.joinKeys(view);
        for (String joinKey : joinKeys) {
            if (!entities.containsKey(joinKey)) {
                throw MlforgeException.invalidParameter("Feature view '" + view.name() + "' is keyed by '" + joinKey
                        + "', which 'entities' does not give (it gives " + entities.keySet() + ")");
            }
        }
        List<String> keys = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            List<Object> parts = new ArrayList<>(joinKeys.size());
            for (String joinKey : joinKeys) {
                parts.add(EntityKeys.fromJson(entities.get(joinKey).get(row)));
            }
            keys.add(EntityKeys.encode(parts));
        }
        return keys;
    }
}
