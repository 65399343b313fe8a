package dev.mlforge.cli.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import dev.mlforge.cli.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlforge pipelines list}: the server's pipeline runs, newest first, and its schedules. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List pipeline runs and schedules on the server.")
final class ListPipelineRunsCommand implements Callable<Integer> {
    @Option(names = "--pipeline", description = "Only runs of this pipeline.")
    String pipeline;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many runs.")
    int limit;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PipelinesClient client = new PipelinesClient(server.location());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-32s  %-20s  %-9s  %-24s  %s%n", "RUN ID", "PIPELINE", "STATUS", "STARTED", "TRIGGER");
        for (JsonNode run : client.runs(pipeline, limit)) {
            out.printf("%-32s  %-20s  %-9s  %-24s  %s%n", run.path("run_id").asText(), run.path("pipeline_name").asText(),
                    run.path("status").asText(), run.path("started_at").asText(), run.path("trigger").asText());
        }
        JsonNode schedules = client.schedules();
        if (!schedules.isEmpty()) {
            out.println();
            out.printf("%-20s  %-16s  %-7s  %s%n", "SCHEDULE", "CRON", "ENABLED", "NEXT RUN");
            for (JsonNode schedule : schedules) {
                out.printf("%-20s  %-16s  %-7s  %s%n", schedule.path("name").asText(), schedule.path("cron").asText(),
                        schedule.path("enabled").asText(), schedule.path("next_fire_at").asText());
            }
        }
        out.flush();
        return 0;
    }
}
