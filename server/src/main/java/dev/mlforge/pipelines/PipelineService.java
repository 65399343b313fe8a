package dev.mlforge.pipelines;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts pipeline runs in the background and keeps their state in the database: the use cases behind the REST
 * routes, the scheduler and the drift trigger. A pipeline file is parsed before the run is accepted, so an
 * invalid file is refused at once.
 */
public final class PipelineService implements PipelineSubmitter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineService.class);
    private static final int MAX_LIST = 1000;

    private final PipelineRunStore store;
    private final PipelineRunner runner;
    private final Path root;
    private final Clock clock;
    private final ExecutorService runs;

    PipelineService(PipelineRunStore store, PipelineRunner runner, Path baseDir, Clock clock, int concurrentRuns) {
        this.store = store;
        this.runner = runner;
        this.root = PipelineFiles.root(baseDir);
        this.clock = clock;
        this.runs = Executors.newFixedThreadPool(concurrentRuns, runnable -> {
            Thread thread = new Thread(runnable, "mlforge-pipeline-run");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param baseDir        folder that relative paths in submitted pipelines resolve against, and that every file
     *                       they read must stay inside
     * @param concurrentRuns how many pipeline runs execute at once (more wait in line)
     */
    public static PipelineService create(Database database, PipelineRunner runner, Path baseDir, Clock clock, int concurrentRuns) {
        return new PipelineService(new JdbiPipelineRunStore(database), runner, baseDir, clock, concurrentRuns);
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
        store.createRun(runId, definition, params, trigger, clock.instant());
        runs.execute(() -> execute(definition, runId, runBaseDir));
        return runId;
    }

    private void execute(PipelineDefinition definition, String runId, Path runBaseDir) {
        try {
            PipelineRunResult result = runner.runConfined(definition, root, runBaseDir, event -> recordEvent(runId, event), runId);
            for (StepOutcome outcome : result.steps()) {
                store.saveStep(runId, record(outcome));
            }
            store.finishRun(runId, result.status(), result.trackingRunId(), null, clock.instant());
        } catch (RuntimeException e) {
            log.error("Pipeline run {} of {} failed", runId, definition.name(), e);
            store.finishRun(runId, PipelineStatus.FAILED, null, String.valueOf(e.getMessage()), clock.instant());
        }
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
        runs.shutdownNow();
        try {
            runs.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
