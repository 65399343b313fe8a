package dev.mlforge.cli.pipelines;

import dev.mlforge.api.pipelines.PipelineRun;
import dev.mlforge.api.pipelines.PipelineStep;
import dev.mlforge.cli.ServerOptions;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.pipelines.Deployer;
import dev.mlforge.pipelines.FolderModelRegistrar;
import dev.mlforge.pipelines.FolderStepCache;
import dev.mlforge.pipelines.PipelineDefinition;
import dev.mlforge.pipelines.PipelineRunResult;
import dev.mlforge.pipelines.PipelineRunner;
import dev.mlforge.pipelines.PipelineServices;
import dev.mlforge.pipelines.PipelineStatus;
import dev.mlforge.pipelines.StepCatalog;
import dev.mlforge.pipelines.StepOutcome;
import dev.mlforge.sdk.ServerLocation;
import dev.mlforge.training.InMemoryRunRecorder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlforge pipelines run FILE}: when a server is named ({@code --tracking-uri}, {@code MLFORGE_TRACKING_URI} or
 * {@code MLFLOW_TRACKING_URI}), submits the pipeline to it and follows it; otherwise, or with {@code --local}, runs it
 * in this process (runs kept in memory, models registered in a local folder registry), refusing up front a pipeline
 * with a deploy step, which needs a server. Says first where the pipeline runs, then prints one line per step state
 * change; exits 0 when the pipeline succeeded, 1 when it failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a pipeline file, printing each step's progress.")
final class RunPipelineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline YAML file.")
    Path file;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Override a pipeline parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Mixin
    ServerOptions server;

    @Option(names = "--local", description = "Run in this process even when a server is named.")
    boolean local;

    @Option(names = "--work-dir", defaultValue = "mlforge-pipelines",
            description = "Local runs: folder for step outputs, the step cache and the local model registry.")
    Path workDir;

    @Option(names = "--parallelism", defaultValue = "2", description = "Local runs: how many steps may run at once.")
    int parallelism;

    @Option(names = "--poll-ms", defaultValue = "500", description = "Remote runs: how often to poll the run's state.")
    long pollMillis;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw MlforgeException.invalidParameter("No pipeline file " + file);
        }
        PrintWriter out = spec.commandLine().getOut();
        ServerLocation location = server.location();
        return local || location.isDefault() ? runLocally(out) : runOnServer(out, location);
    }

    private int runLocally(PrintWriter out) {
        InMemoryRunRecorder recorder = new InMemoryRunRecorder();
        Deployer noServer = (name, uri) -> {
            throw MlforgeException.invalidState("Deploying '" + name + "' needs a server: run with --tracking-uri http://HOST:PORT");
        };
        PipelineServices services = new PipelineServices(recorder, new FolderModelRegistrar(workDir.resolve("registry")), noServer,
                null, file.toAbsolutePath().getParent(), Clock.systemUTC());
        ProgressPrinter printer = new ProgressPrinter(out);
        try (PipelineRunner runner = new PipelineRunner(StepCatalog.standard(), new FolderStepCache(workDir.resolve("cache-index")),
                services, workDir, parallelism)) {
            PipelineDefinition definition = runner.parse(readPipeline(), params);
            refuseStepsNeedingAServer(definition);
            out.println("running pipeline " + definition.name() + " locally, in this process ("
                    + (local ? "--local" : "no server named: pass --tracking-uri URL or set MLFORGE_TRACKING_URI to run it on a server")
                    + ")");
            PipelineRunResult result = runner.run(definition, file.toAbsolutePath().getParent(), printer::print,
                    PipelineRunner.newRunId());
            out.println("pipeline " + result.pipelineName() + " run " + result.runId() + ": " + result.status());
            result.steps().stream().filter(step -> step instanceof StepOutcome.Failed)
                    .forEach(step -> out.println("  " + step.step() + " failed: " + ((StepOutcome.Failed) step).error()));
            result.best().ifPresent(best -> out.printf("best model: %s (%s = %.4f, run %s) in %s%s%n", best.trainer(), best.metric(),
                    best.metricValue(), best.runId(), best.modelDirectory(), best.modelUri() == null ? "" : ", " + best.modelUri()));
            out.flush();
            return result.status() == PipelineStatus.SUCCEEDED ? 0 : 1;
        }
    }

    /** A deploy step needs a server to deploy to: say so before any step runs rather than fail at the end. */
    private static void refuseStepsNeedingAServer(PipelineDefinition definition) {
        definition.steps().stream().filter(step -> "deploy".equals(step.uses())).findFirst().ifPresent(step -> {
            throw MlforgeException.invalidParameter("pipeline " + definition.name() + " has a deploy step ('" + step.name()
                    + "'), which needs a server: start one (mlforge server) and pass --tracking-uri URL or set MLFORGE_TRACKING_URI");
        });
    }

    private String readPipeline() {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw MlforgeException.invalidParameter("Cannot read pipeline file " + file + ": " + e.getMessage());
        }
    }

    private int runOnServer(PrintWriter out, ServerLocation location) throws Exception {
        PipelinesClient client = new PipelinesClient(location);
        out.println("running pipeline " + file + " on the server at " + location.baseUrl() + " (from " + location.source() + ")");
        out.flush();
        String runId = client.submit(readPipeline(), params, file.toAbsolutePath().getParent().toString());
        out.println("submitted run " + runId + " to " + location.baseUrl());
        ProgressPrinter printer = new ProgressPrinter(out);
        Map<String, String> lastStates = new HashMap<>();
        while (true) {
            PipelineRun run = client.run(runId);
            for (PipelineStep step : run.steps() == null ? List.<PipelineStep>of() : run.steps()) {
                int attempts = step.attempts() == null ? 0 : step.attempts();
                String key = step.state() + "#" + attempts;
                if (!"PENDING".equals(step.state()) && !key.equals(lastStates.put(step.step(), key))) {
                    printer.print(Instant.parse(step.updatedAt()).toEpochMilli(), step.step(), step.state(), attempts, step.message());
                }
            }
            String status = run.status();
            if (!status.equals(PipelineStatus.RUNNING.name())) {
                out.println("pipeline " + run.pipelineName() + " run " + runId + ": " + status
                        + (run.message() != null ? " (" + run.message() + ")" : ""));
                out.flush();
                return status.equals(PipelineStatus.SUCCEEDED.name()) ? 0 : 1;
            }
            Thread.sleep(pollMillis);
        }
    }
}
