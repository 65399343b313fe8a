package dev.mlforge.cli.pipelines;

import dev.mlforge.api.pipelines.PipelineRun;
import dev.mlforge.api.pipelines.PipelineStep;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import dev.mlforge.cli.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge pipelines status RUN_ID}: a run's status and each step's state, attempts and message. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a pipeline run and its steps.")
final class PipelineStatusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PipelineRun run = new PipelinesClient(server.location()).run(runId);
        PrintWriter out = spec.commandLine().getOut();
        out.println("run " + run.runId() + "  pipeline " + run.pipelineName() + "  " + run.status() + "  trigger " + run.trigger());
        out.printf("%-14s  %-9s  %-8s  %-6s  %s%n", "STEP", "STATE", "ATTEMPTS", "CACHED", "MESSAGE");
        for (PipelineStep step : run.steps() == null ? List.<PipelineStep>of() : run.steps()) {
            out.printf("%-14s  %-9s  %-8d  %-6s  %s%n", step.step(), step.state(), step.attempts() == null ? 0 : step.attempts(),
                    Boolean.TRUE.equals(step.cached()), step.message() == null ? "" : step.message());
        }
        out.flush();
        return 0;
    }
}
