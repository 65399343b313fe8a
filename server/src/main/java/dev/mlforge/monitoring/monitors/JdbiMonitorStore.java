package dev.mlforge.monitoring.monitors;

import dev.mlforge.api.monitoring.MonitorInfo;
import dev.mlforge.api.monitoring.MonitorResultInfo;
import dev.mlforge.monitoring.StoredJson;
import dev.mlforge.store.Database;
import dev.mlforge.store.WorkspaceContext;
import java.util.List;
import java.util.Optional;

/** Monitors and results in the {@code monitors} and {@code monitor_results} tables, specs as JSON text. */
final class JdbiMonitorStore implements MonitorStore {
    private final Database database;

    JdbiMonitorStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(Monitor monitor) {
        database.write(handle -> handle.createUpdate(
                        "INSERT INTO monitors (id, deployment, spec, created_at) VALUES (:id, :deployment, :spec, :createdAt)")
                .bind("id", monitor.id())
                .bind("deployment", monitor.deployment())
                .bind("spec", StoredJson.write(MonitorWire.info(monitor)))
                .bind("createdAt", monitor.createdAt().toEpochMilli())
                .execute());
    }

    @Override
    public Optional<Monitor> monitor(String id) {
        return database.read(handle -> handle.createQuery("SELECT spec FROM monitors WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(spec -> MonitorWire.monitor(StoredJson.read(spec, MonitorInfo.class))));
    }

    @Override
    public List<Monitor> monitors() {
        return database.read(handle -> handle.createQuery("SELECT spec FROM monitors ORDER BY created_at, id")
                .mapTo(String.class)
                .map(spec -> MonitorWire.monitor(StoredJson.read(spec, MonitorInfo.class)))
                .list());
    }

    @Override
    public String workspaceOf(String id) {
        return database.read(handle -> handle.createQuery("SELECT workspace FROM monitors WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne()).orElse(WorkspaceContext.DEFAULT);
    }

    @Override
    public boolean delete(String id) {
        return database.write(handle -> {
            handle.createUpdate("DELETE FROM monitor_results WHERE monitor_id = :id").bind("id", id).execute();
            return handle.createUpdate("DELETE FROM monitors WHERE id = :id").bind("id", id).execute() > 0;
        });
    }

    @Override
    public MonitorResult insertResult(MonitorResult result) {
        return database.write(handle -> {
            long id = handle.createUpdate(
                            "INSERT INTO monitor_results (monitor_id, time_ms, result) VALUES (:monitorId, :time, :result)")
                    .bind("monitorId", result.monitorId())
                    .bind("time", result.time().toEpochMilli())
                    .bind("result", StoredJson.write(MonitorWire.info(result)))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return result.withId(id);
        });
    }

    @Override
    public List<MonitorResult> results(String monitorId, int limit) {
        return database.read(handle -> handle.createQuery(
                        "SELECT id, result FROM monitor_results WHERE monitor_id = :monitorId ORDER BY id DESC LIMIT :limit")
                .bind("monitorId", monitorId)
                .bind("limit", limit)
                .map((rows, context) -> MonitorWire.result(StoredJson.read(rows.getString("result"), MonitorResultInfo.class))
                        .withId(rows.getLong("id")))
                .list());
    }
}
