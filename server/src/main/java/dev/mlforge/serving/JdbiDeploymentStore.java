package dev.mlforge.serving;

import dev.mlforge.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link DeploymentStore} on the platform database (tables of migration V3). Column {@code previous_policy} holds
 * the JSON array of earlier policies, newest first (a single JSON object in rows written before the history).
 */
final class JdbiDeploymentStore implements DeploymentStore {
    private final Database database;

    JdbiDeploymentStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(Deployment deployment) {
        database.write(handle -> handle.createUpdate("""
                INSERT INTO serving_deployments (name, policy, previous_policy, created_at, updated_at, workspace)
                VALUES (:name, :policy, :previous, :created, :updated, :workspace)""")
                .bind("name", deployment.name())
                .bind("workspace", database.workspace().current())
                .bind("policy", PolicyJson.write(deployment.policy()))
                .bind("previous", PolicyJson.writeAll(deployment.previousPolicies()))
                .bind("created", deployment.createdAt().toEpochMilli())
                .bind("updated", deployment.updatedAt().toEpochMilli())
                .execute());
    }

    @Override
    public boolean update(Deployment deployment) {
        return database.write(handle -> handle.createUpdate("""
                UPDATE serving_deployments SET policy = :policy, previous_policy = :previous, updated_at = :updated,
                revision = revision + 1 WHERE name = :name""")
                .bind("name", deployment.name())
                .bind("policy", PolicyJson.write(deployment.policy()))
                .bind("previous", PolicyJson.writeAll(deployment.previousPolicies()))
                .bind("updated", deployment.updatedAt().toEpochMilli())
                .execute()) == 1;
    }

    @Override
    public boolean delete(String name) {
        return database.write(handle -> handle.createUpdate("DELETE FROM serving_deployments WHERE name = :name")
                .bind("name", name).execute()) == 1;
    }

    @Override
    public Optional<Deployment> find(String name) {
        return database.read(handle -> handle.createQuery("SELECT * FROM serving_deployments WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> deployment(rs)).findOne());
    }

    @Override
    public Optional<String> findWorkspace(String name) {
        return database.read(handle -> handle.createQuery("SELECT workspace FROM serving_deployments WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    @Override
    public List<Deployment> list() {
        return database.read(handle -> handle.createQuery("SELECT * FROM serving_deployments ORDER BY name")
                .map((rs, ctx) -> deployment(rs)).list());
    }

    @Override
    public Map<String, Long> revisions() {
        return database.read(handle -> {
            Map<String, Long> revisions = new HashMap<>();
            handle.createQuery("SELECT name, revision FROM serving_deployments")
                    .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getLong("revision")))
                    .forEach(entry -> revisions.put(entry.getKey(), entry.getValue()));
            return revisions;
        });
    }

    private static Deployment deployment(ResultSet rs) throws SQLException {
        return new Deployment(rs.getString("name"), PolicyJson.read(rs.getString("policy")),
                PolicyJson.readAll(rs.getString("previous_policy")), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    @Override
    public void insertPredictions(List<PackedPrediction> predictions) {
        if (predictions.isEmpty()) {
            return;
        }
        // Plain JDBC: with every prediction logged (the default), Jdbi's per-argument binding of each row was
        // most of the writer thread's CPU, which the request threads share. The JSON columns stay empty.
        database.write(handle -> {
            try (PreparedStatement insert = handle.getConnection().prepareStatement("""
                    INSERT INTO serving_predictions (request_id, deployment, version, inputs, outputs, latency_ms, time_ms,
                        shadow, inputs_bin, outputs_bin, row_count)
                    VALUES (?, ?, ?, '', '', ?, ?, ?, ?, ?, ?)""")) {
                for (PackedPrediction prediction : predictions) {
                    insert.setString(1, prediction.requestId());
                    insert.setString(2, prediction.deployment());
                    insert.setString(3, prediction.version());
                    insert.setDouble(4, prediction.latencyMillis());
                    insert.setLong(5, prediction.time().toEpochMilli());
                    insert.setBoolean(6, prediction.shadow());
                    insert.setBytes(7, prediction.inputs());
                    insert.setBytes(8, prediction.outputs());
                    insert.setLong(9, prediction.rows());
                    insert.addBatch();
                }
                return insert.executeBatch();
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException("Cannot log " + predictions.size() + " predictions", e, null);
            }
        });
    }

    @Override
    public long loggedRows(String deployment) {
        return database.read(handle -> handle.createQuery(
                "SELECT COALESCE(SUM(row_count), 0) FROM serving_predictions WHERE deployment = :deployment")
                .bind("deployment", deployment).mapTo(Long.class).one());
    }

    @Override
    public long trimPredictions(String deployment, long rows) {
        return database.write(handle -> {
            long deleted = 0;
            while (deleted < rows) {
                // The oldest predictions in the read-back order (time, then id), a chunk at a time, up to the cut.
                List<Map<String, Object>> oldest = handle.createQuery("""
                        SELECT id, time_ms, row_count, request_id FROM serving_predictions WHERE deployment = :deployment
                        ORDER BY time_ms, id LIMIT 1000""").bind("deployment", deployment).mapToMap().list();
                if (oldest.isEmpty()) {
                    break;
                }
                List<String> requests = new ArrayList<>();
                Map<String, Object> cut = null;
                for (Map<String, Object> row : oldest) {
                    if (deleted >= rows) {
                        break;
                    }
                    deleted += ((Number) row.get("row_count")).longValue();
                    requests.add((String) row.get("request_id"));
                    cut = row;
                }
                long cutTime = ((Number) cut.get("time_ms")).longValue();
                handle.createUpdate("""
                        DELETE FROM serving_predictions WHERE deployment = :deployment
                        AND time_ms <= :time AND (time_ms < :time OR id <= :id)""")
                        .bind("deployment", deployment).bind("time", cutTime)
                        .bind("id", ((Number) cut.get("id")).longValue()).execute();
                PreparedBatch orphans = handle.prepareBatch("""
                        DELETE FROM serving_feedback WHERE deployment = :deployment AND request_id = :request
                        AND NOT EXISTS (SELECT 1 FROM serving_predictions p
                            WHERE p.deployment = serving_feedback.deployment AND p.request_id = serving_feedback.request_id)""");
                requests.forEach(request -> orphans.bind("deployment", deployment).bind("request", request).add());
                orphans.execute();
            }
            return deleted;
        });
    }

    @Override
    public List<PredictionRecord> recentPredictions(String deployment, Instant since, int limit) {
        LoggedTensors encoder = new LoggedTensors();
        return database.read(handle -> handle.createQuery("""
                SELECT p.*, f.label FROM serving_predictions p
                LEFT JOIN serving_feedback f ON f.deployment = p.deployment AND f.request_id = p.request_id
                WHERE p.deployment = :deployment AND p.time_ms >= :since
                ORDER BY p.time_ms DESC, p.id DESC LIMIT :limit""")
                .bind("deployment", deployment).bind("since", since.toEpochMilli()).bind("limit", limit)
                .map((rs, ctx) -> prediction(rs, encoder))
                .list());
    }

    @Override
    public List<StoredPrediction> predictions(PredictionQuery query) {
        Map<String, Object> bindings = new HashMap<>();
        StringBuilder sql = new StringBuilder("""
                SELECT p.*, f.label, f.created_at AS feedback_ms FROM serving_predictions p
                LEFT JOIN serving_feedback f ON f.deployment = p.deployment AND f.request_id = p.request_id
                WHERE p.deployment = :deployment""");
        bindings.put("deployment", query.deployment());
        window(sql, bindings, query.from(), query.to());
        if (query.version() != null) {
            sql.append(" AND p.version = :version");
            bindings.put("version", query.version());
        }
        if (query.shadow() != null) {
            sql.append(" AND p.shadow = :shadow");
            bindings.put("shadow", query.shadow());
        }
        if (query.after() != null) {
            sql.append(" AND (p.time_ms < :afterTime OR (p.time_ms = :afterTime AND p.id < :afterId))");
            bindings.put("afterTime", query.after().timeMillis());
            bindings.put("afterId", query.after().id());
        }
        sql.append(" ORDER BY p.time_ms DESC, p.id DESC LIMIT :limit");
        bindings.put("limit", query.limit());
        LoggedTensors encoder = new LoggedTensors();
        return database.read(handle -> handle.createQuery(sql.toString()).bindMap(bindings)
                .map((rs, ctx) -> {
                    long feedback = rs.getLong("feedback_ms");
                    return new StoredPrediction(rs.getLong("id"), prediction(rs, encoder),
                            rs.wasNull() ? null : Instant.ofEpochMilli(feedback));
                })
                .list());
    }

    @Override
    public List<ShadowPair> shadowPairs(String deployment, Instant from, Instant to, int limit) {
        Map<String, Object> bindings = new HashMap<>();
        StringBuilder sql = new StringBuilder("""
                SELECT p.request_id, p.time_ms, p.version AS primary_version, s.version AS shadow_version,
                       p.outputs AS primary_outputs, s.outputs AS shadow_outputs,
                       p.outputs_bin AS primary_outputs_bin, s.outputs_bin AS shadow_outputs_bin
                FROM serving_predictions p JOIN serving_predictions s
                  ON s.deployment = p.deployment AND s.request_id = p.request_id AND s.shadow = :yes
                WHERE p.deployment = :deployment AND p.shadow = :no""");
        bindings.put("deployment", deployment);
        bindings.put("yes", true);
        bindings.put("no", false);
        window(sql, bindings, from, to);
        sql.append(" ORDER BY p.time_ms DESC, p.id DESC LIMIT :limit");
        bindings.put("limit", limit);
        LoggedTensors encoder = new LoggedTensors();
        return database.read(handle -> handle.createQuery(sql.toString()).bindMap(bindings)
                .map((rs, ctx) -> new ShadowPair(rs.getString("request_id"), Instant.ofEpochMilli(rs.getLong("time_ms")),
                        rs.getString("primary_version"), rs.getString("shadow_version"),
                        tensorsJson(rs, "primary_outputs", encoder), tensorsJson(rs, "shadow_outputs", encoder)))
                .list());
    }

    @Override
    public long primaryWithoutShadow(String deployment, Instant from, Instant to) {
        Map<String, Object> bindings = new HashMap<>();
        StringBuilder sql = new StringBuilder("""
                SELECT COUNT(*) FROM serving_predictions p WHERE p.deployment = :deployment AND p.shadow = :no
                AND NOT EXISTS (SELECT 1 FROM serving_predictions s
                    WHERE s.deployment = p.deployment AND s.request_id = p.request_id AND s.shadow = :yes)""");
        bindings.put("deployment", deployment);
        bindings.put("yes", true);
        bindings.put("no", false);
        window(sql, bindings, from, to);
        return database.read(handle -> handle.createQuery(sql.toString()).bindMap(bindings).mapTo(Long.class).one());
    }

    /** Appends the time window {@code [from, to)} of the predictions aliased {@code p}; null bounds are open. */
    private static void window(StringBuilder sql, Map<String, Object> bindings, Instant from, Instant to) {
        if (from != null) {
            sql.append(" AND p.time_ms >= :from");
            bindings.put("from", from.toEpochMilli());
        }
        if (to != null) {
            sql.append(" AND p.time_ms < :to");
            bindings.put("to", to.toEpochMilli());
        }
    }

    private static PredictionRecord prediction(ResultSet rs, LoggedTensors encoder) throws SQLException {
        return new PredictionRecord(rs.getString("request_id"), rs.getString("deployment"), rs.getString("version"),
                tensorsJson(rs, "inputs", encoder), tensorsJson(rs, "outputs", encoder), rs.getDouble("latency_ms"),
                Instant.ofEpochMilli(rs.getLong("time_ms")), rs.getBoolean("shadow"), rs.getString("label"));
    }

    /**
     * The JSON of the tensors in column {@code column}: rows logged before migration V37 hold the text, newer ones
     * the packed form in {@code column_bin}, written back as the same text.
     */
    private static String tensorsJson(ResultSet rs, String column, LoggedTensors encoder) throws SQLException {
        byte[] packed = rs.getBytes(column + "_bin");
        return packed == null ? rs.getString(column) : PackedTensors.json(packed, encoder);
    }

    @Override
    public boolean hasPrediction(String deployment, String requestId) {
        return database.read(handle -> handle.createQuery("""
                SELECT 1 FROM serving_predictions WHERE deployment = :deployment AND request_id = :requestId LIMIT 1""")
                .bind("deployment", deployment).bind("requestId", requestId).mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public void saveFeedback(String deployment, String requestId, String labelJson, Instant time) {
        // ON CONFLICT ... DO UPDATE is understood by both SQLite and PostgreSQL.
        database.write(handle -> handle.createUpdate("""
                INSERT INTO serving_feedback (deployment, request_id, label, created_at)
                VALUES (:deployment, :requestId, :label, :time)
                ON CONFLICT (deployment, request_id) DO UPDATE SET label = excluded.label, created_at = excluded.created_at""").bind("deployment", deployment)
                .bind("requestId", requestId).bind("label", labelJson).bind("time", time.toEpochMilli()).execute());
    }
}
