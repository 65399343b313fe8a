package dev.mlforge.pipelines;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.tracking.RunEntity;
import dev.mlforge.tracking.TrackingService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Local pipeline runs, as {@code mlforge pipelines run} makes them, on the runner of the real application an
 * {@link ApplicationExtension} started: steps are recorded in its tracking, cached in its database, registered and
 * deployed by its registry and serving. Keeps the step events of the last run and reads the tracking runs back.
 */
final class PipelineHarness {
    final List<StepEvent> events = new CopyOnWriteArrayList<>();
    private final ApplicationExtension server;
    private final Path baseDir;

    /** Runs resolve relative paths against {@code baseDir}. */
    PipelineHarness(ApplicationExtension server, Path baseDir) {
        this.server = server;
        this.baseDir = baseDir;
    }

    PipelineRunner runner() {
        return server.application().pipelineRunner();
    }

    PipelineRunResult run(String yaml) {
        return run(yaml, Map.of());
    }

    PipelineRunResult run(String yaml, Map<String, String> params) {
        events.clear();
        PipelineRunner runner = runner();
        return runner.run(runner.parse(yaml, params), baseDir, events::add, PipelineRunner.newRunId());
    }

    List<StepState> states(String step) {
        return events.stream().filter(event -> event.step().equals(step)).map(StepEvent::state).toList();
    }

    /** The tracking run with this id. */
    RunEntity trackingRun(String runId) {
        return tracking().getRun(runId);
    }

    /** The tracking runs nested under {@code parentRunId}. */
    List<RunEntity> children(String parentRunId) {
        String experimentId = trackingRun(parentRunId).info().experimentId();
        return tracking().searchRuns(List.of(experimentId), "tags.mlflow.parentRunId = '" + parentRunId + "'",
                "ACTIVE_ONLY", 1000, List.of(), null).items();
    }

    private TrackingService tracking() {
        return server.application().tracking();
    }
}
