package dev.mlforge.pipelines;

import dev.mlforge.cluster.Cluster;
import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.PipelineFinished;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import dev.mlforge.store.WorkspaceContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts pipeline runs in the background and keeps their state in the database: the use cases behind the REST
 * routes, the scheduler and the drift trigger. A pipeline file is parsed before the run is accepted, so an
 * invalid file is refused at once.
 *
 * <p>Each run holds the lease {@code pipeline-run:<id>} while it executes. When servers share a PostgreSQL store and
 * the server running a run dies, its lease expires and another server takes the run over: a run started by a
 * schedule or a drift trigger runs again from its first step under the same id (its step states reset), any other
 * run is marked FAILED. The server that lost the lease writes none of the run's states any more.
 */
public final class PipelineService implements PipelineSubmitter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineService.class);
    private static final int MAX_LIST = 1000;

    private final PipelineRunStore store;
    private final PipelineRunner runner;
    private final Path root;
    private final Clock clock;
    private final ExecutorService runs;
    private final Cluster cluster;
    private final EventBus events;
    private final WorkspaceContext workspace;
    private ScheduledExecutorService adoption;

    PipelineService(PipelineRunStore store, PipelineRunner runner, Path baseDir, Clock clock, int concurrentRuns, Cluster cluster,
            EventBus events, WorkspaceContext workspace) {
        this.store = store;
        this.workspace = workspace;
        this.events = events;
        this.cluster = cluster;
        this.runner = runner;
        this.root = PipelineFiles.root(baseDir);
        this.clock = clock;
        this.runs = Executors.newFixedThreadPool(concurrentRuns, DaemonThreads.named("mlforge-pipeline-run"));
    }

    /**
     * @param baseDir        folder that relative paths in submitted pipelines resolve against, and that every file
     *                       they read must stay inside
     * @param concurrentRuns how many pipeline runs execute at once (more wait in line)
     * @param cluster        where runs are leased, so that another server sharing the store takes over a dead one's
     * @param events         where a {@link PipelineFinished} is published when a run ends
     */
    public static PipelineService create(Database database, PipelineRunner runner, Path baseDir, Clock clock, int concurrentRuns,
            Cluster cluster, EventBus events) {
        return new PipelineService(new JdbiPipelineRunStore(database), runner, baseDir, clock, concurrentRuns, cluster, events,
                database.workspace());
    }

    @Override
    public String submit(String yaml, Map<String, String> params, String trigger) {
        return submit(yaml, params, trigger, null);
    }

    /**
     * Starts a run whose relative file paths resolve against {@code baseDir} (e.g. the folder of the YAML file on a
     * client sharing the server's file system; absolute, or relative to the pipelines folder; null for that folder).
     * The folder and every file the pipeline names must lie inside the pipelines folder: anything else is refused
     * before the run is accepted, and checked again when the step reads it.
     */
    public String submit(String yaml, Map<String, String> params, String trigger, String baseDir) {
        if (yaml == null || yaml.isBlank()) {
            throw MlforgeException.invalidParameter("The pipeline definition (YAML) is empty");
        }
        Path runBaseDir = PipelineFiles.baseDir(root, baseDir);
        PipelineDefinition definition = runner.parse(yaml, params);
        runner.checkFiles(definition, root, runBaseDir);
        String runId = PipelineRunner.newRunId();
        // the lease exists before the run row: another server never sees this run without its holder
        Cluster.Hold hold = cluster.hold(RUN_LEASE + runId)
                .orElseThrow(() -> new IllegalStateException("The lease of new run " + runId + " is held elsewhere"));
        try {
            store.createRun(runId, definition, params, trigger, clock.instant());
            String home = workspace.current();
            runs.execute(() -> executeIn(home, definition, runId, trigger, runBaseDir, hold, null));
        } catch (RuntimeException e) {
            hold.close();
            throw e;
        }
        return runId;
    }

    private static final String RUN_LEASE = "pipeline-run:";

    /** Runs it in {@code home}, the run's workspace: its steps look up and create names there. */
    private void executeIn(String home, PipelineDefinition definition, String runId, String trigger, Path runBaseDir,
            Cluster.Hold hold, String note) {
        workspace.in(home, () -> {
            execute(definition, runId, trigger, runBaseDir, hold, note);
            return null;
        });
    }

    /** Runs it and records its outcome, with {@code note} as its message (null for none) unless it fails. */
    private void execute(PipelineDefinition definition, String runId, String trigger, Path runBaseDir, Cluster.Hold hold,
            String note) {
        try {
            PipelineRunResult result = runner.runConfined(definition, root, runBaseDir, event -> {
                if (!hold.lost()) {
                    recordEvent(runId, event);
                }
            }, runId);
            if (hold.lost()) {
                log.warn("Pipeline run {} was taken over by another server: its outcome here is not recorded", runId);
                return;
            }
            for (StepOutcome outcome : result.steps()) {
                store.saveStep(runId, record(outcome));
            }
            finish(runId, definition.name(), trigger, result.status(), result.trackingRunId(), note);
        } catch (RuntimeException e) {
            log.error("Pipeline run {} of {} failed", runId, definition.name(), e);
            if (!hold.lost()) {
                finish(runId, definition.name(), trigger, PipelineStatus.FAILED, null, String.valueOf(e.getMessage()));
            }
        } finally {
            hold.close();
        }
    }

    /**
     * Takes over the runs whose server stopped (their lease expired): a run of a schedule or a drift trigger runs again
     * from its first step under the same id, any other is marked FAILED (its files may be the stopped client's). Only
     * when servers share the store; returns the ids of the runs resumed here.
     */
    public List<String> adoptOrphans() {
        if (!cluster.shared()) {
            return List.of();
        }
        List<String> resumed = new ArrayList<>();
        for (RunningRun run : store.running()) {
            Optional<Cluster.Hold> taken = cluster.hold(RUN_LEASE + run.runId());
            if (taken.isEmpty()) {
                continue; // its server is alive and renewing
            }
            Cluster.Hold hold = taken.get();
            String trigger = String.valueOf(run.trigger());
            if (!trigger.startsWith("schedule:") && !trigger.startsWith("drift:")) {
                finish(run.runId(), pipelineName(run), trigger, PipelineStatus.FAILED, null,
                        "The server running it stopped (started by " + trigger + ", it is not run again)");
                hold.close();
                continue;
            }
            try {
                PipelineDefinition definition = runner.parse(run.definition(), run.params());
                Path runBaseDir = PipelineFiles.baseDir(root, null);
                String note = "Run again by " + cluster.instanceId() + ": the server running it stopped";
                store.restartRun(run.runId(), note);
                runs.execute(() -> executeIn(run.workspace(), definition, run.runId(), trigger, runBaseDir, hold, note));
                resumed.add(run.runId());
                log.info("Pipeline run {} ({}) taken over from a stopped server", run.runId(), trigger);
            } catch (RuntimeException e) {
                finish(run.runId(), pipelineName(run), trigger, PipelineStatus.FAILED, null,
                        "The server running it stopped, and it cannot run again: " + e.getMessage());
                hold.close();
            }
        }
        return resumed;
    }

    /** Records the run's end and tells the event bus. */
    private void finish(String runId, String pipeline, String trigger, PipelineStatus status, String trackingRunId,
            String message) {
        Instant endedAt = clock.instant();
        store.finishRun(runId, status, trackingRunId, message, endedAt);
        events.publish(new PipelineFinished(runId, pipeline, status.name(), trigger, trackingRunId, message, endedAt));
    }

    /** The name in a stored definition, or the run id when the definition no longer parses. */
    private String pipelineName(RunningRun run) {
        try {
            return runner.parse(run.definition(), run.params()).name();
        } catch (RuntimeException e) {
            return run.runId();
        }
    }

    /** Looks for runs of stopped servers every {@code interval} (only when servers share the store). */
    public synchronized void startAdopting(java.time.Duration interval) {
        if (!cluster.shared() || adoption != null) {
            return;
        }
        adoption = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mlforge-pipeline-adoption"));
        adoption.scheduleWithFixedDelay(() -> {
            try {
                adoptOrphans();
            } catch (RuntimeException e) {
                log.warn("Cannot look for the runs of stopped servers: {}", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void recordEvent(String runId, StepEvent event) {
        if (event.state() == StepState.PENDING) {
            return;
        }
        store.saveStep(runId, new StepRecord(event.step(), event.state(), event.attempt(), event.state() == StepState.CACHED,
                null, null, event.message(), null, event.time()));
    }

    private StepRecord record(StepOutcome outcome) {
        if (outcome instanceof StepOutcome.Succeeded ok) {
            return new StepRecord(ok.step(), ok.state(), ok.attempts(), ok.cached(), ok.cacheKey(), ok.trackingRunId(), null,
                    JdbiStepCache.toJson(ok.outputs()), clock.instant());
        }
        if (outcome instanceof StepOutcome.Failed failed) {
            return new StepRecord(failed.step(), StepState.FAILED, failed.attempts(), false, null, failed.trackingRunId(),
                    failed.error(), null, clock.instant());
        }
        StepOutcome.Skipped skipped = (StepOutcome.Skipped) outcome;
        return new StepRecord(skipped.step(), StepState.SKIPPED, 0, false, null, null, skipped.reason(), null, clock.instant());
    }

    public PipelineRunRecord run(String runId) {
        return store.find(runId).orElseThrow(() -> MlforgeException.notFound("Pipeline run '" + runId + "' does not exist"));
    }

    /**
     * The steps a run's pipeline declares, in declaration order, each with the steps it waits for (its inputs'
     * producers, {@code depends_on} and its {@code when} condition): the edges of the run's DAG.
     */
    public Map<String, java.util.Set<String>> dependencies(String runId) {
        PipelineRunRecord run = run(runId);
        String source = store.definitionSource(runId).orElseThrow(() ->
                MlforgeException.notFound("Pipeline run '" + runId + "' does not exist"));
        Map<String, java.util.Set<String>> edges = new java.util.LinkedHashMap<>();
        try {
            for (StepDefinition step : runner.parse(source, run.params()).steps()) {
                edges.put(step.name(), step.upstream());
            }
        } catch (RuntimeException e) {
            // a definition this version no longer parses still shows its recorded steps, without edges
            log.warn("Pipeline run {}: its definition no longer parses ({}); its DAG is shown without edges", runId, e.getMessage());
            run.steps().forEach(step -> edges.put(step.step(), java.util.Set.of()));
        }
        return edges;
    }

    public List<PipelineRunRecord> runs(String pipelineName, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw MlforgeException.invalidParameter("limit must be from 1 to " + MAX_LIST + ", got " + limit);
        }
        return store.list(pipelineName, limit);
    }

    /** Whether a run started by {@code trigger} is still running (the drift trigger avoids piling up retrainings). */
    public boolean hasRunning(String trigger) {
        return store.hasRunning(trigger);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (adoption != null) {
                adoption.shutdownNow();
            }
        }
        runs.shutdownNow();
        try {
            runs.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
