package dev.mlforge.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mlforge.http.Json;
import dev.mlforge.store.Database;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The embedded online store: table {@code feature_online_values} of the backend store, values as a JSON object. */
final class JdbiOnlineStore implements OnlineStore {
    private static final TypeReference<LinkedHashMap<String, Object>> VALUES = new TypeReference<>() {};
    private static final int CHUNK = 500;

    private final Database database;

    JdbiOnlineStore(Database database) {
        this.database = database;
    }

    @Override
    public void write(String viewName, List<OnlineRow> rows) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<OnlineRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            database.write(handle -> {
                PreparedBatch batch = handle.prepareBatch("INSERT INTO feature_online_values "
                        + "(view_name, entity_key, event_ts, feature_values) VALUES (:view, :key, :ts, :values) "
                        + "ON CONFLICT (view_name, entity_key) DO UPDATE SET event_ts = excluded.event_ts, "
                        + "feature_values = excluded.feature_values WHERE feature_online_values.event_ts <= excluded.event_ts");
                for (OnlineRow row : chunk) {
                    batch.bind("view", viewName).bind("key", row.entityKey()).bind("ts", row.eventMillis())
                            .bind("values", json(row.values())).add();
                }
                return batch.execute();
            });
        }
    }

    @Override
    public Map<String, OnlineRow> read(String viewName, Collection<String> entityKeys) {
        if (entityKeys.isEmpty()) {
            return Map.of();
        }
        return database.read(handle -> {
            Map<String, OnlineRow> rows = new HashMap<>();
            handle.createQuery("SELECT entity_key, event_ts, feature_values FROM feature_online_values "
                            + "WHERE view_name = :view AND entity_key IN (<keys>)")
                    .bind("view", viewName).bindList("keys", List.copyOf(entityKeys))
                    .map((rs, ctx) -> new OnlineRow(rs.getString(1), rs.getLong(2), values(rs.getString(3))))
                    .forEach(row -> rows.put(row.entityKey(), row));
            return rows;
        });
    }

    @Override
    public void clear(String viewName) {
        database.write(handle -> handle.createUpdate("DELETE FROM feature_online_values WHERE view_name = :view")
                .bind("view", viewName).execute());
    }

    private static String json(Map<String, Object> values) {
        try {
            return Json.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Feature values that do not serialize: " + values, e);
        }
    }

    private static Map<String, Object> values(String json) {
        try {
            return Json.mapper().readValue(json, VALUES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored online row is not JSON: " + json, e);
        }
    }
}
