package dev.mlforge.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** {@link ApprovalStore} through Jdbi; gates are stored as a JSON list of their text form. */
final class JdbiApprovalStore implements ApprovalStore {
    private static final String REQUEST_COLUMNS = "r.id, m.name AS model_name, r.version, r.target_kind, r.target, "
            + "r.archive_existing_versions, r.status, r.comment, r.requested_by, r.creation_timestamp, r.decided_by, "
            + "r.decision_comment, r.decision_timestamp FROM registry_transition_requests r JOIN registered_models m ON m.id = r.model_id";

    private final Database database;

    JdbiApprovalStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<ApprovalRuleEntity> rule(String modelName) {
        return database.read(handle -> handle.createQuery("SELECT r.* FROM registry_approval_rules r "
                        + "JOIN registered_models m ON m.id = r.model_id WHERE m.workspace = :workspace AND m.name = :name")
                .bind("name", modelName).bind("workspace", database.workspace().current())
                .map((rs, ctx) -> rule(modelName, rs)).findOne());
    }

    private static ApprovalRuleEntity rule(String modelName, ResultSet rs) throws SQLException {
        Set<Stage> stages = split(rs.getString("protected_stages")).stream().map(Stage::parse)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<MetricGate> gates;
        try {
            gates = Json.mapper().readValue(rs.getString("gates"), new TypeReference<List<String>>() {})
                    .stream().map(MetricGate::parse).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored gates are not a JSON list", e);
        }
        return new ApprovalRuleEntity(modelName, stages, split(rs.getString("protected_aliases")), gates,
                rs.getBoolean("require_second_approver"), rs.getString("user_id"), rs.getLong("last_updated_timestamp"));
    }

    private static Set<String> split(String csv) {
        return csv.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(csv.split(",")));
    }

    @Override
    public ApprovalRuleEntity saveRule(ApprovalRuleEntity rule) {
        return database.write(handle -> {
            long modelId = modelId(handle, rule.modelName());
            String gates;
            try {
                gates = Json.mapper().writeValueAsString(rule.gates().stream().map(MetricGate::toString).toList());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            handle.createUpdate("DELETE FROM registry_approval_rules WHERE model_id = :id").bind("id", modelId).execute();
            handle.createUpdate("INSERT INTO registry_approval_rules (model_id, protected_stages, protected_aliases, gates, "
                            + "require_second_approver, user_id, last_updated_timestamp) "
                            + "VALUES (:id, :stages, :aliases, :gates, :second, :user, :now)")
                    .bind("id", modelId)
                    .bind("stages", rule.protectedStages().stream().map(Stage::canonical).collect(Collectors.joining(",")))
                    .bind("aliases", String.join(",", rule.protectedAliases()))
                    .bind("gates", gates).bind("second", rule.requireSecondApprover()).bind("user", rule.userId()).bind("now", rule.lastUpdatedTimestamp())
                    .execute();
            return rule;
        });
    }

    @Override
    public TransitionRequestEntity createRequest(String modelName, int version, String targetKind, String target,
            boolean archiveExisting, String comment, String user, long now) {
        return database.write(handle -> {
            long id = handle.createUpdate("INSERT INTO registry_transition_requests (model_id, version, target_kind, target, "
                            + "archive_existing_versions, status, comment, requested_by, creation_timestamp) "
                            + "VALUES (:model, :version, :kind, :target, :archive, :status, :comment, :user, :now)")
                    .bind("model", modelId(handle, modelName)).bind("version", version).bind("kind", targetKind)
                    .bind("target", target).bind("archive", archiveExisting).bind("status", TransitionRequestEntity.PENDING)
                    .bind("comment", comment).bind("user", user).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return request(handle, id).orElseThrow();
        });
    }

    @Override
    public Optional<TransitionRequestEntity> findRequest(long id) {
        return database.read(handle -> request(handle, id));
    }

    @Override
    public List<TransitionRequestEntity> requests(String modelName, String status) {
        return database.read(handle -> {
            // the current workspace's requests only: a model name may be used in other workspaces too
            StringBuilder sql = new StringBuilder("SELECT " + REQUEST_COLUMNS + " WHERE m.workspace = :workspace");
            if (modelName != null) {
                sql.append(" AND m.name = :name");
            }
            if (status != null) {
                sql.append(" AND r.status = :status");
            }
            Query query = handle.createQuery(sql + " ORDER BY r.id DESC").bind("workspace", database.workspace().current());
            if (modelName != null) {
                query.bind("name", modelName);
            }
            if (status != null) {
                query.bind("status", status);
            }
            return query.map((rs, ctx) -> request(rs)).list();
        });
    }

    @Override
    public TransitionRequestEntity decide(long id, String status, String user, String comment, long now) {
        return database.write(handle -> {
            int updated = handle.createUpdate("UPDATE registry_transition_requests SET status = :status, decided_by = :user, "
                            + "decision_comment = :comment, decision_timestamp = :now WHERE id = :id AND status = :pending")
                    .bind("status", status).bind("user", user).bind("comment", comment).bind("now", now).bind("id", id)
                    .bind("pending", TransitionRequestEntity.PENDING).execute();
            TransitionRequestEntity request = request(handle, id)
                    .orElseThrow(() -> MlforgeException.notFound("Transition request with id=" + id + " not found"));
            if (updated == 0) {
                throw MlforgeException.invalidParameter("Transition request " + id + " was already " + request.status());
            }
            return request;
        });
    }

    /** A request of the current workspace's models: another workspace's is not there. */
    private Optional<TransitionRequestEntity> request(Handle handle, long id) {
        return handle.createQuery("SELECT " + REQUEST_COLUMNS + " WHERE r.id = :id AND m.workspace = :workspace").bind("id", id)
                .bind("workspace", database.workspace().current()).map((rs, ctx) -> request(rs)).findOne();
    }

    private static TransitionRequestEntity request(ResultSet rs) throws SQLException {
        long decided = rs.getLong("decision_timestamp");
        Long decisionTimestamp = rs.wasNull() ? null : decided;
        return new TransitionRequestEntity(rs.getLong("id"), rs.getString("model_name"), rs.getInt("version"),
                rs.getString("target_kind"), rs.getString("target"), rs.getBoolean("archive_existing_versions"),
                rs.getString("status"), rs.getString("comment"), rs.getString("requested_by"),
                rs.getLong("creation_timestamp"), rs.getString("decided_by"), rs.getString("decision_comment"),
                decisionTimestamp);
    }

    private long modelId(Handle handle, String name) {
        return handle.createQuery("SELECT id FROM registered_models WHERE workspace = :workspace AND name = :name")
                .bind("name", name).bind("workspace", database.workspace().current())
                .mapTo(Long.class).findOne()
                .orElseThrow(() -> MlforgeException.notFound("Registered Model with name=" + name + " not found"));
    }
}
