package dev.mlforge.cli.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
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
        JsonNode run = new PipelinesClient(server.location()).run(runId);
        PrintWriter out = spec.commandLine().getOut();
        out.println("run " + run.path("run_id").asText() + "  pipeline " + run.path("pipeline_name").asText() + "  "
                + run.path("status").asText() + "  trigger " + run.path("trigger").asText());
        out.printf("%-14s  %-9s  %-8s  %-6s  %s%n", "STEP", "STATE", "ATTEMPTS", "CACHED", "MESSAGE");
        for (JsonNode step : run.path("steps")) {
            out.printf("%-14s  %-9s  %-8d  %-6s  %s%n", step.path("step").asText(), step.path("state").asText(),
                    step.path("attempts").asInt(), step.path("cached").asBoolean(), step.path("message").asText(""));
        }
        out.flush();
        return 0;
    }
}
