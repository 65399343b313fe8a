package dev.mlforge.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mlforge.http.Json;
import dev.mlforge.store.Database;
import dev.mlforge.store.WorkspaceContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Schedules in {@code pipeline_schedules} and triggers in {@code pipeline_triggers} (V5). */
final class JdbiScheduleStore implements ScheduleStore {
    private static final String COLUMNS = "name, cron, definition, params_json, enabled, next_fire_at, last_fired_by, last_fired_at";

    private final Database database;

    JdbiScheduleStore(Database database) {
        this.database = database;
    }

    @Override
    public void save(ScheduledPipeline schedule) {
        database.write(handle -> {
            handle.createUpdate("DELETE FROM pipeline_schedules WHERE name = :name").bind("name", schedule.name()).execute();
            return handle.createUpdate("INSERT INTO pipeline_schedules (" + COLUMNS + ", workspace) VALUES (:name, :cron,"
                            + " :definition, :params, :enabled, :next, :by, :at, :workspace)")
                    .bind("workspace", database.workspace().current())
                    .bind("name", schedule.name()).bind("cron", schedule.cron()).bind("definition", schedule.definition())
                    .bind("params", json(schedule.params())).bind("enabled", schedule.enabled())
                    .bind("next", schedule.nextFireAt().toEpochMilli()).bind("by", schedule.lastFiredBy())
                    .bind("at", schedule.lastFiredAt() == null ? null : schedule.lastFiredAt().toEpochMilli())
                    .execute();
        });
    }

    @Override
    public boolean delete(String name) {
        return database.write(handle -> handle.createUpdate("DELETE FROM pipeline_schedules WHERE name = :name")
                .bind("name", name).execute() > 0);
    }

    @Override
    public Optional<ScheduledPipeline> find(String name) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM pipeline_schedules WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> schedule(rs)).findOne());
    }

    @Override
    public List<ScheduledPipeline> list() {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM pipeline_schedules ORDER BY name")
                .map((rs, ctx) -> schedule(rs)).list());
    }

    @Override
    public List<ScheduledPipeline> due(Instant now) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM pipeline_schedules"
                        + " WHERE enabled = :enabled AND next_fire_at <= :now ORDER BY next_fire_at, name")
                .bind("enabled", true).bind("now", now.toEpochMilli()).map((rs, ctx) -> schedule(rs)).list());
    }

    @Override
    public boolean claim(String name, Instant expected, Instant next, String owner, Instant now) {
        return database.write(handle -> handle.createUpdate("UPDATE pipeline_schedules SET next_fire_at = :next,"
                        + " last_fired_by = :owner, last_fired_at = :now WHERE name = :name AND next_fire_at = :expected")
                .bind("next", next.toEpochMilli()).bind("owner", owner).bind("now", now.toEpochMilli())
                .bind("name", name).bind("expected", expected.toEpochMilli()).execute() == 1);
    }

    @Override
    public void saveTrigger(RetrainTrigger trigger) {
        database.write(handle -> {
            handle.createUpdate("DELETE FROM pipeline_triggers WHERE deployment = :deployment")
                    .bind("deployment", trigger.deployment()).execute();
            return handle.createUpdate("INSERT INTO pipeline_triggers (deployment, definition, params_json, created_at)"
                            + " VALUES (:deployment, :definition, :params, :created)")
                    .bind("deployment", trigger.deployment()).bind("definition", trigger.definition())
                    .bind("params", json(trigger.params())).bind("created", trigger.createdAt().toEpochMilli()).execute();
        });
    }

    @Override
    public Optional<RetrainTrigger> trigger(String deployment) {
        return database.read(handle -> handle.createQuery("SELECT deployment, definition, params_json, created_at FROM pipeline_triggers"
                        + " WHERE deployment = :deployment")
                .bind("deployment", deployment).map((rs, ctx) -> trigger(rs)).findOne());
    }

    @Override
    public List<RetrainTrigger> triggers() {
        return database.read(handle -> handle.createQuery("SELECT deployment, definition, params_json, created_at FROM pipeline_triggers"
                + " ORDER BY deployment").map((rs, ctx) -> trigger(rs)).list());
    }

    @Override
    public String workspaceOfSchedule(String name) {
        return workspace("SELECT workspace FROM pipeline_schedules WHERE name = :name", name);
    }

    @Override
    public String workspaceOfTrigger(String deployment) {
        return workspace("SELECT workspace FROM serving_deployments WHERE name = :name", deployment);
    }

    private String workspace(String sql, String name) {
        return database.read(handle -> handle.createQuery(sql).bind("name", name).mapTo(String.class).findOne())
                .orElse(WorkspaceContext.DEFAULT);
    }

    @Override
    public boolean deleteTrigger(String deployment) {
        return database.write(handle -> handle.createUpdate("DELETE FROM pipeline_triggers WHERE deployment = :deployment")
                .bind("deployment", deployment).execute() > 0);
    }

    private static ScheduledPipeline schedule(ResultSet rs) throws SQLException {
        long lastFiredAt = rs.getLong("last_fired_at");
        Instant lastFired = rs.wasNull() ? null : Instant.ofEpochMilli(lastFiredAt);
        return new ScheduledPipeline(rs.getString("name"), rs.getString("cron"), rs.getString("definition"), params(rs.getString("params_json")),
                rs.getBoolean("enabled"), Instant.ofEpochMilli(rs.getLong("next_fire_at")), rs.getString("last_fired_by"), lastFired);
    }

    private static RetrainTrigger trigger(ResultSet rs) throws SQLException {
        return new RetrainTrigger(rs.getString("deployment"), rs.getString("definition"), params(rs.getString("params_json")),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static Map<String, String> params(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt params: " + json, e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
