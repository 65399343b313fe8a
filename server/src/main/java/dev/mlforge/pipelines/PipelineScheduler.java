package dev.mlforge.pipelines;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import dev.mlforge.store.WorkspaceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires scheduled pipeline runs from one background thread. Several servers may share a PostgreSQL store: each
 * tick, a server fires a due schedule only if its compare-and-set of the schedule's next fire time succeeds, so
 * exactly one of them starts the run. A schedule that missed several fire times (server down) fires once.
 */
public final class PipelineScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineScheduler.class);
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ScheduleStore store;
    private final PipelineSubmitter submitter;
    private final Function<String, PipelineDefinition> validator;
    private final Clock clock;
    private final String instanceId;
    private final WorkspaceContext workspace;
    private ScheduledExecutorService thread;

    PipelineScheduler(ScheduleStore store, PipelineSubmitter submitter, Function<String, PipelineDefinition> validator,
            Clock clock, String instanceId, WorkspaceContext workspace) {
        this.store = store;
        this.workspace = workspace;
        this.submitter = submitter;
        this.validator = validator;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /** A scheduler over the database's schedules, submitting runs to {@code service}; {@code instanceId} names this server. */
    public static PipelineScheduler create(Database database, PipelineService service, PipelineRunner runner, Clock clock,
            String instanceId) {
        return new PipelineScheduler(new JdbiScheduleStore(database), service, yaml -> runner.parse(yaml, Map.of()), clock, instanceId,
                database.workspace());
    }

    /** Creates or replaces a schedule after checking its cron expression and its pipeline. */
    public ScheduledPipeline schedule(String name, String cron, String yaml, Map<String, String> params, boolean enabled) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,255}")) {
            throw MlforgeException.invalidParameter("Invalid schedule name '" + name + "'");
        }
        Instant next = nextFireTime(cron, clock.instant());
        if (yaml == null || yaml.isBlank()) {
            throw MlforgeException.invalidParameter("Schedule '" + name + "' needs a pipeline definition");
        }
        validator.apply(yaml);
        ScheduledPipeline schedule = new ScheduledPipeline(name, cron, yaml, params, enabled, next, null, null);
        store.save(schedule);
        return schedule;
    }

    public List<ScheduledPipeline> schedules() {
        return store.list();
    }

    public void unschedule(String name) {
        if (!store.delete(name)) {
            throw MlforgeException.notFound("Schedule '" + name + "' does not exist");
        }
    }

    /** The first fire time strictly after {@code after} (UTC); INVALID_PARAMETER_VALUE for a bad expression. */
    static Instant nextFireTime(String cron, Instant after) {
        Cron parsed;
        try {
            parsed = CRON.parse(cron == null ? "" : cron).validate();
        } catch (IllegalArgumentException e) {
            throw MlforgeException.invalidParameter("Invalid cron expression '" + cron + "' (five fields: minute hour day-of-month"
                    + " month day-of-week): " + e.getMessage());
        }
        return ExecutionTime.forCron(parsed).nextExecution(after.atZone(ZoneOffset.UTC))
                .orElseThrow(() -> MlforgeException.invalidParameter("Cron expression '" + cron + "' never fires"))
                .toInstant();
    }

    /** Fires every due schedule this instance wins; returns the run ids it started. */
    public List<String> tick() {
        Instant now = clock.instant();
        List<String> started = new java.util.ArrayList<>();
        for (ScheduledPipeline schedule : store.due(now)) {
            Instant next = nextFireTime(schedule.cron(), now);
            if (!store.claim(schedule.name(), schedule.nextFireAt(), next, instanceId, now)) {
                continue;
            }
            try {
                // the run lives, and its steps work, in the schedule's workspace
                started.add(workspace.in(store.workspaceOfSchedule(schedule.name()),
                        () -> submitter.submit(schedule.definition(), schedule.params(), "schedule:" + schedule.name())));
            } catch (RuntimeException e) {
                log.error("Schedule {} could not start its pipeline", schedule.name(), e);
            }
        }
        return started;
    }

    public synchronized void start(Duration interval) {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mlforge-pipeline-scheduler"));
        thread.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.error("Pipeline scheduler tick failed", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
