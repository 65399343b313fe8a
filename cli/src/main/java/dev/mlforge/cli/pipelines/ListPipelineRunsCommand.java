package dev.mlforge.cli.pipelines;

import dev.mlforge.api.pipelines.PipelineRun;
import dev.mlforge.api.pipelines.PipelineSchedule;
import java.io.PrintWriter;
import java.util.List;
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
        for (PipelineRun run : client.runs(pipeline, limit)) {
            out.printf("%-32s  %-20s  %-9s  %-24s  %s%n", run.runId(), run.pipelineName(), run.status(), run.startedAt(),
                    run.trigger());
        }
        List<PipelineSchedule> schedules = client.schedules();
        if (!schedules.isEmpty()) {
            out.println();
            out.printf("%-20s  %-16s  %-7s  %s%n", "SCHEDULE", "CRON", "ENABLED", "NEXT RUN");
            for (PipelineSchedule schedule : schedules) {
                out.printf("%-20s  %-16s  %-7s  %s%n", schedule.name(), schedule.cron(), schedule.enabled(), schedule.nextFireAt());
            }
        }
        out.flush();
        return 0;
    }
}
