package dev.mlforge.serving;

import dev.mlforge.store.Database;
import dev.mlforge.store.WorkspaceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    public String workspace(String name) {
        return database.read(handle -> handle.createQuery("SELECT workspace FROM serving_deployments WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne()).orElse(WorkspaceContext.DEFAULT);
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
    public void insertPredictions(List<PredictionRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        // Plain JDBC: with every prediction logged (the default), Jdbi's per-argument binding of 8 values a row was
        // most of the writer thread's CPU, which the request threads share.
        database.write(handle -> {
            try (PreparedStatement insert = handle.getConnection().prepareStatement("""
                    INSERT INTO serving_predictions (request_id, deployment, version, inputs, outputs, latency_ms, time_ms, shadow)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (PredictionRecord record : records) {
                    insert.setString(1, record.requestId());
                    insert.setString(2, record.deployment());
                    insert.setString(3, record.version());
                    insert.setString(4, record.inputsJson());
                    insert.setString(5, record.outputsJson());
                    insert.setDouble(6, record.latencyMillis());
                    insert.setLong(7, record.time().toEpochMilli());
                    insert.setBoolean(8, record.shadow());
                    insert.addBatch();
                }
                return insert.executeBatch();
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException("Cannot log " + records.size() + " predictions", e, null);
            }
        });
    }

    @Override
    public List<PredictionRecord> recentPredictions(String deployment, Instant since, int limit) {
        return database.read(handle -> handle.createQuery("""
                SELECT p.*, f.label FROM serving_predictions p
                LEFT JOIN serving_feedback f ON f.deployment = p.deployment AND f.request_id = p.request_id
                WHERE p.deployment = :deployment AND p.time_ms >= :since
                ORDER BY p.time_ms DESC, p.id DESC LIMIT :limit""")
                .bind("deployment", deployment).bind("since", since.toEpochMilli()).bind("limit", limit)
                .map((rs, ctx) -> prediction(rs))
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
        return database.read(handle -> handle.createQuery(sql.toString()).bindMap(bindings)
                .map((rs, ctx) -> {
                    long feedback = rs.getLong("feedback_ms");
                    return new StoredPrediction(rs.getLong("id"), prediction(rs),
                            rs.wasNull() ? null : Instant.ofEpochMilli(feedback));
                })
                .list());
    }

    @Override
    public List<ShadowPair> shadowPairs(String deployment, Instant from, Instant to, int limit) {
        Map<String, Object> bindings = new HashMap<>();
        StringBuilder sql = new StringBuilder("""
                SELECT p.request_id, p.time_ms, p.version AS primary_version, s.version AS shadow_version,
                       p.outputs AS primary_outputs, s.outputs AS shadow_outputs
                FROM serving_predictions p JOIN serving_predictions s
                  ON s.deployment = p.deployment AND s.request_id = p.request_id AND s.shadow = :yes
                WHERE p.deployment = :deployment AND p.shadow = :no""");
        bindings.put("deployment", deployment);
        bindings.put("yes", true);
        bindings.put("no", false);
        window(sql, bindings, from, to);
        sql.append(" ORDER BY p.time_ms DESC, p.id DESC LIMIT :limit");
        bindings.put("limit", limit);
        return database.read(handle -> handle.createQuery(sql.toString()).bindMap(bindings)
                .map((rs, ctx) -> new ShadowPair(rs.getString("request_id"), Instant.ofEpochMilli(rs.getLong("time_ms")),
                        rs.getString("primary_version"), rs.getString("shadow_version"), rs.getString("primary_outputs"),
                        rs.getString("shadow_outputs")))
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

    private static PredictionRecord prediction(ResultSet rs) throws SQLException {
        return new PredictionRecord(rs.getString("request_id"), rs.getString("deployment"), rs.getString("version"),
                rs.getString("inputs"), rs.getString("outputs"), rs.getDouble("latency_ms"),
                Instant.ofEpochMilli(rs.getLong("time_ms")), rs.getBoolean("shadow"), rs.getString("label"));
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
