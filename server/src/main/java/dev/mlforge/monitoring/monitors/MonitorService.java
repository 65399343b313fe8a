package dev.mlforge.monitoring.monitors;

import dev.mlforge.cluster.Cluster;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.events.EventBus;
import dev.mlforge.monitoring.alerts.AlertService;
import dev.mlforge.monitoring.performance.Task;
import dev.mlforge.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, lists, deletes and runs monitors (on request or on their schedules); validates every request. */
public final class MonitorService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonitorService.class);
    private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");
    static final int MAX_WINDOW_ROWS = 1_000_000;
    static final long MAX_SPAN_SECONDS = 366L * 24 * 3600;
    static final int MAX_RESULTS = 1000;

    private final MonitorStore store;
    private final MonitorRunner runner;
    private final MonitorScheduler scheduler;
    private final MonitorMetrics metrics;
    private final DriftEvaluator drift;
    private final Clock clock;

    MonitorService(MonitorStore store, MonitorRunner runner, MonitorScheduler scheduler, MonitorMetrics metrics,
            DriftEvaluator drift, Clock clock) {
        this.store = store;
        this.runner = runner;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.drift = drift;
        this.clock = clock;
    }

    /**
     * Monitors over the V4 tables of {@code database}, scheduled on {@code executor} (see {@link #newExecutor()}),
     * which {@link #close()} stops.
     */
    public static MonitorService create(Database database, ReferenceSource references, PredictionWindowSource predictions,
            DriftEvaluator drift, AlertService alerts, EventBus events, MeterRegistry registry,
            ScheduledExecutorService executor, Clock clock) {
        return create(database, references, predictions, drift, alerts, events, registry, executor, clock, Cluster.single("local"));
    }

    /** As above; with servers sharing the store, each scheduled occurrence runs on one of them ({@link MonitorScheduler}). */
    public static MonitorService create(Database database, ReferenceSource references, PredictionWindowSource predictions,
            DriftEvaluator drift, AlertService alerts, EventBus events, MeterRegistry registry,
            ScheduledExecutorService executor, Clock clock, Cluster cluster) {
        return create(database, references, predictions, drift, alerts, events, registry, executor, clock, cluster, null);
    }

    /** As above; runs whose reference reaches the engine's threshold compute drift on {@code engine} (null: none). */
    public static MonitorService create(Database database, ReferenceSource references, PredictionWindowSource predictions,
            DriftEvaluator drift, AlertService alerts, EventBus events, MeterRegistry registry,
            ScheduledExecutorService executor, Clock clock, Cluster cluster, EngineDrift engine) {
        MonitorStore store = new JdbiMonitorStore(database);
        MonitorMetrics metrics = new MonitorMetrics(registry);
        MonitorRunner runner = new MonitorRunner(references, predictions, drift, store, metrics, alerts, events, clock,
                engine, database.workspace());
        MonitorService service = new MonitorService(store, runner, new MonitorScheduler(executor, clock, cluster), metrics, drift, clock);
        service.followOthers = cluster.shared() ? cluster.pollInterval().multipliedBy(4) : null;
        return service;
    }

    /** How often to arm the monitors other servers created and cancel those they deleted; null on a server alone. */
    private java.time.Duration followOthers;

    /** The one executor of monitor schedules and webhook retries: a single daemon thread. */
    public static ScheduledExecutorService newExecutor() {
        return MonitorScheduler.newExecutor();
    }

    /** Arms the schedules of the stored monitors; call once the server is up. */
    public void start() {
        for (Monitor monitor : store.monitors()) {
            scheduler.schedule(monitor, () -> runner.run(monitor));
        }
        if (followOthers != null) {
            scheduler.every(followOthers, this::followStore);
        }
    }

    /** Arms the stored monitors not armed here yet and cancels the armed ones no longer stored. */
    void followStore() {
        List<Monitor> stored = store.monitors();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Monitor monitor : stored) {
            ids.add(monitor.id());
            scheduler.schedule(monitor, () -> runner.run(monitor));
        }
        scheduler.armed().stream().filter(id -> !ids.contains(id)).forEach(scheduler::cancel);
    }

    public Monitor create(MonitorRequest request) {
        if (request == null) {
            throw MlforgeException.invalidParameter("A monitor needs 'deployment', 'reference' and 'window'");
        }
        Monitor monitor = new Monitor(UUID.randomUUID().toString().replace("-", ""), deployment(request.deployment()),
                reference(request.reference()), window(request.window()), schedule(request.schedule()),
                overrides(request.columnOverrides()), driftShare(request.driftShare()), task(request.task()),
                clock.instant());
        store.insert(monitor);
        scheduler.schedule(monitor, () -> runner.run(monitor));
        log.info("Monitor {} created for deployment {}", monitor.id(), monitor.deployment());
        return monitor;
    }

    public List<Monitor> monitors() {
        return store.monitors();
    }

    public Monitor monitor(String id) {
        return store.monitor(id).orElseThrow(() -> MlforgeException.notFound("Monitor '" + id + "' does not exist"));
    }

    public void delete(String id) {
        Monitor monitor = monitor(id);
        scheduler.cancel(id);
        store.delete(id);
        if (store.monitors().stream().noneMatch(other -> other.deployment().equals(monitor.deployment()))) {
            metrics.forget(monitor.deployment());
        }
    }

    /** Runs the monitor now and returns the stored result. */
    public MonitorResult run(String id) {
        return runner.run(monitor(id));
    }

    /**
     * The monitor's reference and current window compared now, column by column, with the reference and current
     * shares per bin (for plots); nothing is stored. BAD_REQUEST when the window holds no prediction.
     */
    public List<dev.mlforge.monitoring.drift.ColumnDrift> compareColumns(String id) {
        return runner.compareColumns(monitor(id));
    }

    /** The newest results first, at most {@code limit} (1 to 1000). */
    public List<MonitorResult> results(String id, int limit) {
        monitor(id);
        if (limit < 1 || limit > MAX_RESULTS) {
            throw MlforgeException.invalidParameter("'max_results' must be from 1 to " + MAX_RESULTS + ", got " + limit);
        }
        return store.results(id, limit);
    }

    @Override
    public void close() {
        scheduler.close();
    }

    private static String deployment(String deployment) {
        if (deployment == null || deployment.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'deployment'");
        }
        if (!DEPLOYMENT.matcher(deployment).matches()) {
            throw MlforgeException.invalidParameter("Invalid deployment name '" + deployment
                    + "': letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return deployment;
    }

    private static ReferenceSpec reference(ReferenceSpec reference) {
        if (reference == null) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'reference'");
        }
        boolean dataset = reference.dataset() != null || reference.datasetVersion() != null;
        boolean run = reference.runId() != null || reference.artifactPath() != null;
        if (dataset == run) {
            throw MlforgeException.invalidParameter("'reference' must name either a dataset version "
                    + "({\"dataset\", \"dataset_version\"}) or a run artifact ({\"run_id\", \"artifact_path\"})");
        }
        if (dataset && (blank(reference.dataset()) || reference.datasetVersion() == null || reference.datasetVersion() < 1)) {
            throw MlforgeException.invalidParameter("'reference' needs a dataset name and a dataset_version of 1 or more");
        }
        if (run && (blank(reference.runId()) || blank(reference.artifactPath()))) {
            throw MlforgeException.invalidParameter("'reference' needs both run_id and artifact_path");
        }
        return reference;
    }

    private static WindowSpec window(WindowSpec window) {
        if (window == null) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'window' ({\"last_n\": N} or "
                    + "{\"span_seconds\": S})");
        }
        if ((window.lastN() == null) == (window.spanSeconds() == null)) {
            throw MlforgeException.invalidParameter("'window' must set exactly one of last_n (predictions) and span_seconds");
        }
        if (window.lastN() != null && (window.lastN() < 1 || window.lastN() > MAX_WINDOW_ROWS)) {
            throw MlforgeException.invalidParameter("'window.last_n' must be from 1 to " + MAX_WINDOW_ROWS + ", got " + window.lastN());
        }
        if (window.spanSeconds() != null && (window.spanSeconds() < 1 || window.spanSeconds() > MAX_SPAN_SECONDS)) {
            throw MlforgeException.invalidParameter("'window.span_seconds' must be from 1 to " + MAX_SPAN_SECONDS
                    + ", got " + window.spanSeconds());
        }
        return window;
    }

    private static MonitorSchedule schedule(MonitorSchedule schedule) {
        if (schedule == null || schedule.onRequestOnly()) {
            return MonitorSchedule.MANUAL;
        }
        if (schedule.intervalSeconds() != null && schedule.cron() != null) {
            throw MlforgeException.invalidParameter("'schedule' must set interval_seconds or cron, not both");
        }
        if (schedule.intervalSeconds() != null && (schedule.intervalSeconds() < 1 || schedule.intervalSeconds() > MAX_SPAN_SECONDS)) {
            throw MlforgeException.invalidParameter("'schedule.interval_seconds' must be from 1 to " + MAX_SPAN_SECONDS
                    + ", got " + schedule.intervalSeconds());
        }
        if (schedule.cron() != null) {
            try {
                CronExpression.parse(schedule.cron());
            } catch (IllegalArgumentException e) {
                throw MlforgeException.invalidParameter("'schedule.cron' is not a five-field Unix cron expression: "
                        + schedule.cron() + " (" + e.getMessage() + ")");
            }
        }
        return schedule;
    }

    private Map<String, ColumnOverride> overrides(Map<String, ColumnOverride> overrides) {
        Map<String, ColumnOverride> result = new LinkedHashMap<>();
        if (overrides == null) {
            return result;
        }
        overrides.forEach((column, override) -> {
            if (override == null || (override.method() == null && override.threshold() == null)) {
                throw MlforgeException.invalidParameter("Column override of '" + column + "' must set method and/or threshold");
            }
            if (override.method() != null && !drift.methods().contains(override.method())) {
                throw MlforgeException.invalidParameter("Column override of '" + column + "': unknown drift method '"
                        + override.method() + "'; expected one of " + new java.util.TreeSet<>(drift.methods()));
            }
            if (override.threshold() != null && !(override.threshold() > 0 && Double.isFinite(override.threshold()))) {
                throw MlforgeException.invalidParameter("Column override of '" + column
                        + "': threshold must be a positive number, got " + override.threshold());
            }
            result.put(column, override);
        });
        return result;
    }

    private static double driftShare(Double share) {
        if (share == null) {
            return 0.5;
        }
        if (!(share > 0 && share <= 1)) {
            throw MlforgeException.invalidParameter("'drift_share' must be greater than 0 and at most 1, got " + share);
        }
        return share;
    }

    private static Task task(String task) {
        if (task == null || task.isBlank()) {
            return null;
        }
        try {
            return Task.parse(task.strip());
        } catch (IllegalArgumentException e) {
            throw MlforgeException.invalidParameter("'task' must be classification or regression, got '" + task + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
