package dev.mlforge.cli.pipelines;

import picocli.CommandLine.Command;

/** {@code mlforge pipelines}: run pipeline files locally or on a server, schedule them, list runs, show a run. */
@Command(name = "pipelines", mixinStandardHelpOptions = true,
        description = "Run, schedule and inspect ML pipelines (YAML files of steps).",
        subcommands = {RunPipelineCommand.class, SchedulePipelineCommand.class, ListPipelineRunsCommand.class,
                PipelineStatusCommand.class})
public final class PipelinesCommand {
}
