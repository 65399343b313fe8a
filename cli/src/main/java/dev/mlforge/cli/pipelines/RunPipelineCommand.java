package dev.mlforge.cli.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.pipelines.Deployer;
import dev.mlforge.pipelines.FolderModelRegistrar;
import dev.mlforge.pipelines.FolderStepCache;
import dev.mlforge.pipelines.PipelineRunResult;
import dev.mlforge.pipelines.PipelineRunner;
import dev.mlforge.pipelines.PipelineServices;
import dev.mlforge.pipelines.PipelineStatus;
import dev.mlforge.pipelines.StepCatalog;
import dev.mlforge.pipelines.StepOutcome;
import dev.mlforge.training.InMemoryRunRecorder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlforge pipelines run FILE}: with {@code --tracking-uri}, submits the pipeline to that server and follows
 * it; without, runs it in this process (runs kept in memory, models registered in a local folder registry).
 * Prints one line per step state change; exits 0 when the pipeline succeeded, 1 when it failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a pipeline file, printing each step's progress.")
final class RunPipelineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline YAML file.")
    Path file;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Override a pipeline parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--tracking-uri", defaultValue = "${env:MLFLOW_TRACKING_URI}",
            description = "mlforge server to run on (default: MLFLOW_TRACKING_URI; none runs locally).")
    String trackingUri;

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
        return trackingUri == null || trackingUri.isBlank() ? runLocally(out) : runOnServer(out);
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
            PipelineRunResult result = runner.run(file, params, printer::print);
            out.println("pipeline " + result.pipelineName() + " run " + result.runId() + ": " + result.status());
            result.steps().stream().filter(step -> step instanceof StepOutcome.Failed)
                    .forEach(step -> out.println("  " + step.step() + " failed: " + ((StepOutcome.Failed) step).error()));
            result.best().ifPresent(best -> out.printf("best model: %s (%s = %.4f, run %s) in %s%s%n", best.trainer(), best.metric(),
                    best.metricValue(), best.runId(), best.modelDirectory(), best.modelUri() == null ? "" : ", " + best.modelUri()));
            out.flush();
            return result.status() == PipelineStatus.SUCCEEDED ? 0 : 1;
        }
    }

    private int runOnServer(PrintWriter out) throws Exception {
        PipelinesClient client = new PipelinesClient(trackingUri);
        String runId = client.submit(Files.readString(file), params, file.toAbsolutePath().getParent().toString());
        out.println("submitted run " + runId + " to " + trackingUri);
        ProgressPrinter printer = new ProgressPrinter(out);
        Map<String, String> lastStates = new HashMap<>();
        while (true) {
            JsonNode run = client.run(runId);
            for (JsonNode step : run.path("steps")) {
                String state = step.path("state").asText();
                String key = state + "#" + step.path("attempts").asInt();
                if (!state.equals("PENDING") && !key.equals(lastStates.put(step.path("step").asText(), key))) {
                    printer.print(java.time.Instant.parse(step.path("updated_at").asText()).toEpochMilli(), step.path("step").asText(),
                            state, step.path("attempts").asInt(), step.path("message").asText(null));
                }
            }
            String status = run.path("status").asText();
            if (!status.equals(PipelineStatus.RUNNING.name())) {
                out.println("pipeline " + run.path("pipeline_name").asText() + " run " + runId + ": " + status
                        + (run.hasNonNull("message") ? " (" + run.path("message").asText() + ")" : ""));
                out.flush();
                return status.equals(PipelineStatus.SUCCEEDED.name()) ? 0 : 1;
            }
            Thread.sleep(pollMillis);
        }
    }
}
