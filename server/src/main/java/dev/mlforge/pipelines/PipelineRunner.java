package dev.mlforge.pipelines;

import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.training.RunOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs pipeline files: parse, execute the DAG, record the pipeline as a parent run with one child run per step,
 * and report each step's outcome and the best model. The entry point for the CLI, the server and the demo.
 */
public final class PipelineRunner implements AutoCloseable {
    private final PipelineParser parser;
    private final StepCatalog catalog;
    private final StepCache cache;
    private final PipelineServices services;
    private final Path workDir;
    private final ExecutorService workers;
    private final ExecutorService attempts;

    /**
     * @param workDir     folder for step outputs ({@code cache/<key>/} and {@code runs/<run>/<step>/})
     * @param parallelism how many steps may run at once
     */
    public PipelineRunner(StepCatalog catalog, StepCache cache, PipelineServices services, Path workDir, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parser = new PipelineParser(catalog);
        this.catalog = catalog;
        this.cache = cache;
        this.services = services;
        this.workDir = workDir;
        this.workers = Executors.newFixedThreadPool(parallelism, DaemonThreads.numbered("mlforge-pipeline-step"));
        this.attempts = Executors.newCachedThreadPool(DaemonThreads.numbered("mlforge-pipeline-attempt"));
    }

    public PipelineDefinition parse(String yaml, Map<String, String> params) {
        return parser.parse(yaml, params);
    }

    /** Runs the pipeline in {@code yamlFile}; relative paths in it resolve against the file's folder. */
    public PipelineRunResult run(Path yamlFile, Map<String, String> params, PipelineListener listener) {
        String yaml;
        try {
            yaml = Files.readString(yamlFile);
        } catch (IOException e) {
            throw MlforgeException.invalidParameter("Cannot read pipeline file " + yamlFile + ": " + e.getMessage());
        }
        Path baseDir = yamlFile.toAbsolutePath().getParent();
        return run(parse(yaml, params), baseDir, listener, newRunId());
    }

    /** Runs a parsed pipeline under the given run id; blocks until every step has ended. */
    public PipelineRunResult run(PipelineDefinition definition, Path baseDir, PipelineListener listener, String runId) {
        return run(definition, services.withBaseDir(baseDir), listener, runId);
    }

    /**
     * Runs a pipeline submitted to the server: every file it names resolves against {@code baseDir} and must stay
     * inside {@code root} (a real path).
     */
    PipelineRunResult runConfined(PipelineDefinition definition, Path root, Path baseDir, PipelineListener listener, String runId) {
        return run(definition, services.confinedTo(root, baseDir), listener, runId);
    }

    /**
     * Refuses, before a submitted run is accepted, a file parameter of any step that leaves {@code root} (see
     * {@link Step#fileParameters()}).
     */
    void checkFiles(PipelineDefinition definition, Path root, Path baseDir) {
        PipelineServices confined = services.confinedTo(root, baseDir);
        for (StepDefinition step : definition.steps()) {
            for (String param : catalog.create(step.uses()).fileParameters()) {
                Object value = step.with().get(param);
                if (value != null) {
                    confined.checkPath(value.toString(), "steps[" + step.name() + "].with." + param);
                }
            }
        }
    }

    private PipelineRunResult run(PipelineDefinition definition, PipelineServices runServices, PipelineListener listener,
            String runId) {
        String trackingRunId = services.recorder().startRun(definition.experiment(), definition.name(), null,
                Map.of("mlforge.pipeline", definition.name(), "mlforge.pipeline_run_id", runId));
        services.recorder().logParams(trackingRunId, RunParams.flatten(definition.params()));
        RunInProgress run = new RunInProgress(runId, definition.experiment(), trackingRunId, listener, services.clock());
        DagExecutor executor = new DagExecutor(workers, new StepRunner(catalog, cache, runServices, workDir, attempts));
        List<StepOutcome> outcomes;
        try {
            outcomes = executor.execute(definition, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            services.recorder().endRun(trackingRunId, RunOutcome.KILLED);
            throw MlforgeException.invalidState("Pipeline run " + runId + " was interrupted");
        }
        boolean failed = outcomes.stream().anyMatch(outcome -> outcome instanceof StepOutcome.Failed);
        PipelineStatus status = failed ? PipelineStatus.FAILED : PipelineStatus.SUCCEEDED;
        Optional<PipelineRunResult.BestModel> best = BestModels.of(definition, outcomes);
        best.ifPresent(model -> services.recorder().setTags(trackingRunId, Map.of("mlforge.best_run_id", model.runId())));
        services.recorder().endRun(trackingRunId, failed ? RunOutcome.FAILED : RunOutcome.FINISHED);
        return new PipelineRunResult(runId, definition.name(), trackingRunId, status, outcomes, best);
    }

    public static String newRunId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void close() {
        workers.shutdownNow();
        attempts.shutdownNow();
    }
}
