package dev.mlforge.monitoring.alerts;

import dev.mlforge.api.monitoring.AlertRuleInfo;
import dev.mlforge.monitoring.StoredJson;
import dev.mlforge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rules (as JSON text), evaluation states, alerts and deliveries in the monitoring tables of V4. */
final class JdbiAlertStore implements AlertStore {
    private static final String ALERT_COLUMNS = "a.id, a.rule_id, r.spec, a.deployment, a.metric, a.state, a.value, a.fired_at, a.resolved_at";
    private final Database database;

    JdbiAlertStore(Database database) {
        this.database = database;
    }

    @Override
    public void insertRule(StoredAlertRule rule) {
        database.write(handle -> handle.createUpdate(
                        "INSERT INTO alert_rules (id, spec, created_at) VALUES (:id, :spec, :createdAt)")
                .bind("id", rule.id())
                .bind("spec", StoredJson.write(AlertWire.info(rule)))
                .bind("createdAt", rule.createdAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<StoredAlertRule> rule(String id) {
        return database.read(handle -> handle.createQuery("SELECT spec FROM alert_rules WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne().map(spec -> AlertWire.rule(StoredJson.read(spec, AlertRuleInfo.class))));
    }

    @Override
    public List<StoredAlertRule> rules() {
        return database.read(handle -> handle.createQuery("SELECT spec FROM alert_rules ORDER BY created_at, id")
                .mapTo(String.class).map(spec -> AlertWire.rule(StoredJson.read(spec, AlertRuleInfo.class))).list());
    }

    @Override
    public List<StoredAlertRule> rulesIn(String workspace) {
        return database.read(handle -> handle.createQuery(
                        "SELECT spec FROM alert_rules WHERE workspace = :workspace ORDER BY created_at, id")
                .bind("workspace", workspace)
                .mapTo(String.class).map(spec -> AlertWire.rule(StoredJson.read(spec, AlertRuleInfo.class))).list());
    }

    @Override
    public boolean deleteRule(String id) {
        return database.write(handle -> {
            handle.createUpdate("DELETE FROM alert_deliveries WHERE alert_id IN (SELECT id FROM alerts WHERE rule_id = :id)")
                    .bind("id", id).execute();
            handle.createUpdate("DELETE FROM alerts WHERE rule_id = :id").bind("id", id).execute();
            handle.createUpdate("DELETE FROM alert_rule_states WHERE rule_id = :id").bind("id", id).execute();
            return handle.createUpdate("DELETE FROM alert_rules WHERE id = :id").bind("id", id).execute() > 0;
        });
    }

    @Override
    public AlertState state(String ruleId, String deployment) {
        return database.read(handle -> handle.createQuery(
                        "SELECT status, breaches FROM alert_rule_states WHERE rule_id = :ruleId AND deployment = :deployment")
                .bind("ruleId", ruleId).bind("deployment", deployment)
                .map((rows, context) -> new AlertState(AlertState.Status.valueOf(rows.getString("status")),
                        rows.getInt("breaches")))
                .findOne().orElse(AlertState.INITIAL));
    }

    @Override
    public void saveState(String ruleId, String deployment, AlertState state) {
        database.write(handle -> handle.createUpdate("""
                        INSERT INTO alert_rule_states (rule_id, deployment, status, breaches)
                        VALUES (:ruleId, :deployment, :status, :breaches)
                        ON CONFLICT (rule_id, deployment) DO UPDATE SET status = excluded.status, breaches = excluded.breaches""")
                .bind("ruleId", ruleId).bind("deployment", deployment).bind("status", state.status().name())
                .bind("breaches", state.consecutiveBreaches())
                .execute());
    }

    @Override
    public Optional<Alert> firingAlert(String ruleId, String deployment) {
        return database.read(handle -> handle.createQuery("SELECT " + ALERT_COLUMNS
                        + " FROM alerts a JOIN alert_rules r ON r.id = a.rule_id"
                        + " WHERE a.rule_id = :ruleId AND a.deployment = :deployment AND a.state = 'FIRING'")
                .bind("ruleId", ruleId).bind("deployment", deployment)
                .map((rows, context) -> alert(rows)).findOne());
    }

    @Override
    public void insertAlert(Alert alert) {
        database.write(handle -> handle.createUpdate("""
                        INSERT INTO alerts (id, rule_id, deployment, metric, state, value, fired_at, resolved_at)
                        VALUES (:id, :ruleId, :deployment, :metric, :state, :value, :firedAt, NULL)""")
                .bind("id", alert.id()).bind("ruleId", alert.ruleId()).bind("deployment", alert.deployment())
                .bind("metric", alert.metric()).bind("state", alert.state().name()).bind("value", alert.value())
                .bind("firedAt", alert.firedAt().toEpochMilli())
                .execute());
    }

    @Override
    public void resolveAlert(Alert resolved) {
        database.write(handle -> handle.createUpdate(
                        "UPDATE alerts SET state = :state, value = :value, resolved_at = :resolvedAt WHERE id = :id")
                .bind("state", resolved.state().name()).bind("value", resolved.value())
                .bind("resolvedAt", resolved.resolvedAt().toEpochMilli()).bind("id", resolved.id())
                .execute());
    }

    @Override
    public Optional<Alert> alert(String id) {
        return database.read(handle -> handle.createQuery("SELECT " + ALERT_COLUMNS
                        + " FROM alerts a JOIN alert_rules r ON r.id = a.rule_id WHERE a.id = :id")
                .bind("id", id).map((rows, context) -> alert(rows)).findOne());
    }

    @Override
    public List<Alert> alerts(Alert.State state, int limit) {
        String where = state == null ? "" : " WHERE a.state = :state";
        return database.read(handle -> handle.createQuery("SELECT " + ALERT_COLUMNS
                        + " FROM alerts a JOIN alert_rules r ON r.id = a.rule_id" + where
                        + " ORDER BY a.fired_at DESC, a.id LIMIT :limit")
                .bind("state", state == null ? null : state.name()).bind("limit", limit)
                .map((rows, context) -> alert(rows)).list());
    }

    private static Alert alert(ResultSet rows) throws SQLException {
        StoredAlertRule rule = AlertWire.rule(StoredJson.read(rows.getString("spec"), AlertRuleInfo.class));
        long resolvedAtMillis = rows.getLong("resolved_at");
        // wasNull() speaks of the column read last, so it is asked here, before fired_at is read.
        Instant resolvedAt = rows.wasNull() ? null : Instant.ofEpochMilli(resolvedAtMillis);
        return new Alert(rows.getString("id"), rows.getString("rule_id"), rule.name(), rows.getString("deployment"),
                rows.getString("metric"), Alert.State.valueOf(rows.getString("state")), rows.getDouble("value"),
                rule.threshold(), Instant.ofEpochMilli(rows.getLong("fired_at")), resolvedAt);
    }

    @Override
    public Delivery insertDelivery(Delivery delivery) {
        return database.write(handle -> {
            long id = handle.createUpdate("""
                            INSERT INTO alert_deliveries (alert_id, channel, event, attempt, success, status_code, error, time_ms)
                            VALUES (:alertId, :channel, :event, :attempt, :success, :statusCode, :error, :time)""")
                    .bind("alertId", delivery.alertId()).bind("channel", delivery.channel()).bind("event", delivery.event())
                    .bind("attempt", delivery.attempt()).bind("success", delivery.success())
                    .bind("statusCode", delivery.statusCode()).bind("error", delivery.error())
                    .bind("time", delivery.time().toEpochMilli())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return new Delivery(id, delivery.alertId(), delivery.channel(), delivery.event(), delivery.attempt(),
                    delivery.success(), delivery.statusCode(), delivery.error(), delivery.time());
        });
    }

    @Override
    public List<Delivery> deliveries(String alertId) {
        return database.read(handle -> handle.createQuery(
                        "SELECT * FROM alert_deliveries WHERE alert_id = :alertId ORDER BY id")
                .bind("alertId", alertId)
                .map((rows, context) -> {
                    int status = rows.getInt("status_code");
                    Integer statusCode = rows.wasNull() ? null : status;
                    return new Delivery(rows.getLong("id"), rows.getString("alert_id"), rows.getString("channel"),
                            rows.getString("event"), rows.getInt("attempt"), rows.getBoolean("success"), statusCode,
                            rows.getString("error"), Instant.ofEpochMilli(rows.getLong("time_ms")));
                }).list());
    }
}
