package dev.mlforge.cli.pipelines;

import dev.mlforge.api.pipelines.PipelineSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.mlforge.cli.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlforge pipelines schedule NAME FILE --cron EXPR}: runs a pipeline on the server on a cron schedule. */
@Command(name = "schedule", mixinStandardHelpOptions = true, description = "Schedule a pipeline on the server (cron, UTC).")
final class SchedulePipelineCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "Schedule name (replaces an existing one).")
    String name;

    @Parameters(index = "1", paramLabel = "FILE", description = "The pipeline YAML file.")
    Path file;

    @Option(names = "--cron", required = true, description = "Five-field cron expression, e.g. '0 2 * * *'.")
    String cron;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Pipeline parameter (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PipelineSchedule schedule = new PipelinesClient(server.location()).schedule(name, cron, Files.readString(file), params);
        spec.commandLine().getOut().println("scheduled " + schedule.name() + " (" + schedule.cron() + "), next run at "
                + schedule.nextFireAt());
        return 0;
    }
}
