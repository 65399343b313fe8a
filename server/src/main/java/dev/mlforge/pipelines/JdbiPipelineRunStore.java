package dev.mlforge.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mlforge.http.Json;
import dev.mlforge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Pipeline runs in {@code pipeline_runs} and {@code pipeline_step_runs} (V5). */
final class JdbiPipelineRunStore implements PipelineRunStore {
    private static final String RUN_COLUMNS =
            "run_id, pipeline_name, status, trigger_kind, params_json, tracking_run_id, message, started_at, ended_at";

    private final Database database;

    JdbiPipelineRunStore(Database database) {
        this.database = database;
    }

    @Override
    public void createRun(String runId, PipelineDefinition definition, Map<String, String> params, String trigger, Instant startedAt) {
        database.write(handle -> {
            handle.createUpdate("INSERT INTO pipeline_runs (run_id, pipeline_name, status, definition, params_json, trigger_kind,"
                            + " started_at, workspace) VALUES (:id, :name, :status, :definition, :params, :trigger, :started,"
                            + " :workspace)")
                    .bind("id", runId).bind("name", definition.name()).bind("status", PipelineStatus.RUNNING.name())
                    .bind("definition", definition.source()).bind("params", json(params)).bind("trigger", trigger)
                    .bind("started", startedAt.toEpochMilli()).bind("workspace", database.workspace().current()).execute();
            int position = 0;
            for (StepDefinition step : definition.steps()) {
                handle.createUpdate("INSERT INTO pipeline_step_runs (run_id, step_name, position, status, attempts, cached, updated_at)"
                                + " VALUES (:run, :step, :position, :status, 0, :cached, :updated)")
                        .bind("run", runId).bind("step", step.name()).bind("position", position++)
                        .bind("status", StepState.PENDING.name()).bind("cached", false).bind("updated", startedAt.toEpochMilli())
                        .execute();
            }
            return null;
        });
    }

    @Override
    public void saveStep(String runId, StepRecord step) {
        database.write(handle -> handle.createUpdate("UPDATE pipeline_step_runs SET status = :status, attempts = :attempts,"
                        + " cached = :cached, cache_key = :key, tracking_run_id = :tracking, message = :message, outputs_json = :outputs,"
                        + " updated_at = :updated WHERE run_id = :run AND step_name = :step")
                .bind("run", runId).bind("step", step.step()).bind("status", step.state().name()).bind("attempts", step.attempts())
                .bind("cached", step.cached()).bind("key", step.cacheKey()).bind("tracking", step.trackingRunId())
                .bind("message", step.message()).bind("outputs", step.outputsJson()).bind("updated", step.updatedAt().toEpochMilli())
                .execute());
    }

    @Override
    public void finishRun(String runId, PipelineStatus status, String trackingRunId, String message, Instant endedAt) {
        database.write(handle -> handle.createUpdate("UPDATE pipeline_runs SET status = :status, tracking_run_id = :tracking,"
                        + " message = :message, ended_at = :ended WHERE run_id = :id")
                .bind("status", status.name()).bind("tracking", trackingRunId).bind("message", message)
                .bind("ended", endedAt.toEpochMilli()).bind("id", runId).execute());
    }

    @Override
    public Optional<PipelineRunRecord> find(String runId) {
        return database.read(handle -> handle.createQuery("SELECT " + RUN_COLUMNS + " FROM pipeline_runs WHERE run_id = :id")
                .bind("id", runId).map((rs, ctx) -> run(rs, steps(handle, runId))).findOne());
    }

    @Override
    public Optional<String> definitionSource(String runId) {
        return database.read(handle -> handle.createQuery("SELECT definition FROM pipeline_runs WHERE run_id = :id")
                .bind("id", runId).mapTo(String.class).findOne());
    }

    private static List<StepRecord> steps(Handle handle, String runId) {
        return handle.createQuery("SELECT step_name, status, attempts, cached, cache_key, tracking_run_id, message, outputs_json,"
                        + " updated_at FROM pipeline_step_runs WHERE run_id = :run ORDER BY position")
                .bind("run", runId)
                .map((rs, ctx) -> new StepRecord(rs.getString("step_name"), StepState.valueOf(rs.getString("status")),
                        rs.getInt("attempts"), rs.getBoolean("cached"), rs.getString("cache_key"), rs.getString("tracking_run_id"),
                        rs.getString("message"), rs.getString("outputs_json"), Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .list();
    }

    @Override
    public List<PipelineRunRecord> list(String pipelineName, int limit) {
        return database.read(handle -> handle.createQuery("SELECT " + RUN_COLUMNS + " FROM pipeline_runs"
                        + (pipelineName == null ? "" : " WHERE pipeline_name = :name") + " ORDER BY started_at DESC, run_id LIMIT :limit")
                .bind("name", pipelineName).bind("limit", limit)
                .map((rs, ctx) -> run(rs, List.of())).list());
    }

    @Override
    public List<RunningRun> running() {
        return database.read(handle -> handle.createQuery("SELECT run_id, trigger_kind, definition, params_json, workspace FROM pipeline_runs"
                        + " WHERE status = :status ORDER BY started_at")
                .bind("status", PipelineStatus.RUNNING.name())
                .map((rs, ctx) -> new RunningRun(rs.getString("run_id"), rs.getString("trigger_kind"), rs.getString("definition"),
                        params(rs.getString("params_json")), rs.getString("workspace")))
                .list());
    }

    @Override
    public void restartRun(String runId, String message) {
        database.write(handle -> {
            handle.createUpdate("UPDATE pipeline_runs SET message = :message WHERE run_id = :id")
                    .bind("message", message).bind("id", runId).execute();
            return handle.createUpdate("UPDATE pipeline_step_runs SET status = :status, attempts = 0, cached = :cached,"
                            + " cache_key = NULL, tracking_run_id = NULL, message = NULL, outputs_json = NULL WHERE run_id = :id")
                    .bind("status", StepState.PENDING.name()).bind("cached", false).bind("id", runId).execute();
        });
    }

    @Override
    public boolean hasRunning(String trigger) {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM pipeline_runs WHERE trigger_kind = :trigger AND status = :status")
                .bind("trigger", trigger).bind("status", PipelineStatus.RUNNING.name()).mapTo(Integer.class).one() > 0);
    }

    private static PipelineRunRecord run(ResultSet rs, List<StepRecord> steps) throws SQLException {
        long ended = rs.getLong("ended_at");
        boolean hasEnded = !rs.wasNull();
        return new PipelineRunRecord(rs.getString("run_id"), rs.getString("pipeline_name"), PipelineStatus.valueOf(rs.getString("status")),
                rs.getString("trigger_kind"), params(rs.getString("params_json")), rs.getString("tracking_run_id"),
                rs.getString("message"), Instant.ofEpochMilli(rs.getLong("started_at")), hasEnded ? Instant.ofEpochMilli(ended) : null,
                steps);
    }

    private static Map<String, String> params(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt params of a pipeline run: " + json, e);
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
