package dev.mlforge.tracking;

import dev.mlforge.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link LoggedModelStore} on SQLite or PostgreSQL through Jdbi. */
final class JdbiLoggedModelStore implements LoggedModelStore {
    private static final String COLUMNS = "model_id, experiment_id, name, artifact_location, creation_timestamp_ms, "
            + "last_updated_timestamp_ms, status, lifecycle_stage, model_type, source_run_id, status_message";

    private static final int IN_CHUNK = 500;

    private final Database database;
    private final LoggedModelSearchSql searchSql;

    JdbiLoggedModelStore(Database database) {
        this.database = database;
        this.searchSql = new LoggedModelSearchSql(database.dialect());
    }

    @Override
    public void create(LoggedModelEntity model) {
        database.write(handle -> {
            handle.execute("INSERT INTO logged_models (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    model.modelId(), Long.parseLong(model.experimentId()), model.name(), model.artifactLocation(),
                    model.creationTimestampMs(), model.lastUpdatedTimestampMs(), model.status().name(),
                    model.lifecycleStage().wireName(), model.modelType(), model.sourceRunId(), model.statusMessage());
            insertParams(handle, model.modelId(), model.params());
            upsertTags(handle, model.modelId(), model.tags());
            return null;
        });
    }

    @Override
    public Optional<LoggedModelEntity> find(String modelId) {
        return database.read(handle -> load(handle, "SELECT " + COLUMNS + " FROM logged_models WHERE model_id = ?",
                List.of(modelId)).stream().findFirst());
    }

    @Override
    public void finalizeStatus(String modelId, LoggedModelStatus status, String statusMessage, long now) {
        database.write(handle -> handle.execute("UPDATE logged_models SET status = ?, status_message = ?, "
                + "last_updated_timestamp_ms = ? WHERE model_id = ?", status.name(), statusMessage, now, modelId));
    }

    @Override
    public void delete(String modelId, long now) {
        database.write(handle -> handle.execute("UPDATE logged_models SET lifecycle_stage = ?, last_updated_timestamp_ms = ? "
                + "WHERE model_id = ?", LifecycleStage.DELETED.wireName(), now, modelId));
    }

    @Override
    public void setTags(String modelId, List<Tag> tags, long now) {
        database.write(handle -> {
            upsertTags(handle, modelId, tags);
            return null;
        });
    }

    @Override
    public boolean deleteTag(String modelId, String key) {
        return database.write(handle -> handle.execute("DELETE FROM logged_model_tags WHERE model_id = ? AND key = ?",
                modelId, key) > 0);
    }

    @Override
    public void logParams(String modelId, List<ParamEntity> params) {
        database.write(handle -> {
            insertParams(handle, modelId, params);
            return null;
        });
    }

    @Override
    public void logMetrics(List<LoggedModelMetric> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        database.write(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO logged_model_metrics (model_id, key, step, timestamp, "
                    + "run_id, value, is_nan, dataset_name, dataset_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING");
            for (LoggedModelMetric metric : metrics) {
                boolean nan = Double.isNaN(metric.metric().value());
                batch.add(metric.modelId(), metric.metric().key(), metric.metric().step(), metric.metric().timestamp(),
                        metric.runId(), nan ? 0.0 : metric.metric().value(), nan ? 1 : 0, metric.datasetName(),
                        metric.datasetDigest());
            }
            batch.execute();
            return null;
        });
    }

    @Override
    public List<String> existing(List<String> modelIds) {
        if (modelIds.isEmpty()) {
            return List.of();
        }
        return database.read(handle -> handle.createQuery("SELECT model_id FROM logged_models WHERE model_id IN (<ids>)")
                .bindList("ids", modelIds).mapTo(String.class).list());
    }

    @Override
    public List<LoggedModelEntity> search(LoggedModelSearch search) {
        List<Object> args = new ArrayList<>();
        String sql = searchSql.select(search, args);
        return database.read(handle -> load(handle, sql, args));
    }

    @Override
    public void addRunInputs(String runId, List<String> modelIds) {
        database.write(handle -> {
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO run_model_inputs (run_uuid, model_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
            modelIds.forEach(modelId -> batch.add(runId, modelId));
            return modelIds.isEmpty() ? null : batch.execute();
        });
    }

    @Override
    public void addRunOutputs(String runId, List<LoggedModelOutput> outputs) {
        database.write(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO run_model_outputs (run_uuid, model_id, step) "
                    + "VALUES (?, ?, ?) ON CONFLICT (run_uuid, model_id) DO UPDATE SET step = excluded.step");
            outputs.forEach(output -> batch.add(runId, output.modelId(), output.step()));
            return outputs.isEmpty() ? null : batch.execute();
        });
    }

    @Override
    public List<String> runInputs(String runId) {
        return database.read(handle -> handle.createQuery(
                        "SELECT model_id FROM run_model_inputs WHERE run_uuid = ? ORDER BY model_id")
                .bind(0, runId).mapTo(String.class).list());
    }

    @Override
    public List<LoggedModelOutput> runOutputs(String runId) {
        return database.read(handle -> handle.createQuery(
                        "SELECT model_id, step FROM run_model_outputs WHERE run_uuid = ? ORDER BY model_id")
                .bind(0, runId).map((rs, ctx) -> new LoggedModelOutput(rs.getString(1), rs.getLong(2))).list());
    }

    @Override
    public Map<String, List<LoggedModelOutput>> runOutputs(List<String> runIds) {
        Map<String, List<LoggedModelOutput>> byRun = new HashMap<>();
        if (runIds.isEmpty()) {
            return byRun;
        }
        database.read(handle -> {
            // A runs/search page may hold 50,000 runs, more than SQLite binds in one statement.
            for (int from = 0; from < runIds.size(); from += IN_CHUNK) {
                handle.createQuery("SELECT run_uuid, model_id, step FROM run_model_outputs WHERE run_uuid IN (<ids>) "
                                + "ORDER BY run_uuid, model_id").bindList("ids", runIds.subList(from, Math.min(runIds.size(), from + IN_CHUNK)))
                        .map((rs, ctx) -> Map.entry(rs.getString(1), new LoggedModelOutput(rs.getString(2), rs.getLong(3))))
                        .forEach(entry -> byRun.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
            }
            return null;
        });
        return byRun;
    }

    private static void insertParams(Handle handle, String modelId, List<ParamEntity> params) {
        if (params.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(
                "INSERT INTO logged_model_params (model_id, key, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
        params.forEach(param -> batch.add(modelId, param.key(), param.value()));
        batch.execute();
    }

    private static void upsertTags(Handle handle, String modelId, List<Tag> tags) {
        if (tags.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO logged_model_tags (model_id, key, value) VALUES (?, ?, ?) "
                + "ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value");
        tags.forEach(tag -> batch.add(modelId, tag.key(), tag.value()));
        batch.execute();
    }

    /** The models {@code sql} selects (its columns are {@link #COLUMNS}, in order), with their data. */
    private static List<LoggedModelEntity> load(Handle handle, String sql, List<Object> args) {
        var query = handle.createQuery(sql);
        for (int i = 0; i < args.size(); i++) {
            query.bind(i, args.get(i));
        }
        List<String[]> rows = query.map((rs, ctx) -> {
            String[] row = new String[11];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getString(i + 1);
            }
            return row;
        }).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(row -> row[0]).toList();
        Map<String, List<Tag>> tags = grouped(handle, "SELECT model_id, key, value FROM logged_model_tags "
                + "WHERE model_id IN (<ids>) ORDER BY model_id, key", ids, (rs) -> new Tag(rs.getString(2), rs.getString(3)));
        Map<String, List<ParamEntity>> params = grouped(handle, "SELECT model_id, key, value FROM logged_model_params "
                + "WHERE model_id IN (<ids>) ORDER BY model_id, key", ids, (rs) -> new ParamEntity(rs.getString(2), rs.getString(3)));
        Map<String, List<LoggedModelMetric>> metrics = grouped(handle, "SELECT model_id, key, value, timestamp, step, "
                + "is_nan, run_id, dataset_name, dataset_digest FROM logged_model_metrics WHERE model_id IN (<ids>) "
                + "ORDER BY model_id, key, timestamp, step, run_id", ids, rs -> new LoggedModelMetric(rs.getString(1),
                rs.getString(7), new MetricEntity(rs.getString(2), rs.getInt(6) == 1 ? Double.NaN : rs.getDouble(3),
                rs.getLong(4), rs.getLong(5)), rs.getString(8), rs.getString(9)));
        List<LoggedModelEntity> models = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            models.add(new LoggedModelEntity(row[0], row[1], row[2], row[3], Long.parseLong(row[4]), Long.parseLong(row[5]),
                    LoggedModelStatus.valueOf(row[6]), LifecycleStage.fromWire(row[7]), row[8], row[9], row[10],
                    sorted(tags.getOrDefault(row[0], List.of()), Tag::key),
                    sorted(params.getOrDefault(row[0], List.of()), ParamEntity::key),
                    metrics.getOrDefault(row[0], List.of())));
        }
        return models;
    }

    /** By key in code-point order, as MLflow lists them whatever the database's collation. */
    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> key) {
        return items.stream().sorted(Comparator.comparing(key)).toList();
    }

    private interface RowReader<T> {
        T read(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    private static <T> Map<String, List<T>> grouped(Handle handle, String sql, List<String> ids, RowReader<T> reader) {
        Map<String, List<T>> byModel = new HashMap<>();
        handle.createQuery(sql).bindList("ids", ids).map((rs, ctx) -> Map.entry(rs.getString(1), reader.read(rs)))
                .forEach(entry -> byModel.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
        return byModel;
    }
}
