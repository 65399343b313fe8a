package dev.mlforge.pipelines;

import dev.mlforge.store.Database;
import dev.mlforge.training.InMemoryRunRecorder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A PipelineRunner over real SQLite (step cache) with an in-memory run recorder and fake registry and serving, for the
 * runner's unit tests (no HTTP); pipelines submitted over HTTP are tested on the real application.
 */
final class PipelineHarness implements AutoCloseable {
    final Database database;
    final InMemoryRunRecorder recorder = new InMemoryRunRecorder();
    final InMemoryRegistrar registrar = new InMemoryRegistrar();
    final RecordingDeployer deployer = new RecordingDeployer();
    final List<StepEvent> events = new CopyOnWriteArrayList<>();
    final PipelineRunner runner;
    final Path dir;

    PipelineHarness(Path dir, int parallelism) {
        this.dir = dir;
        this.database = Database.open(null, dir.resolve("db"));
        PipelineServices services = new PipelineServices(recorder, registrar, deployer, null, dir, Clock.systemUTC());
        this.runner = new PipelineRunner(StepCatalog.standard(), new JdbiStepCache(database, Clock.systemUTC()), services,
                dir.resolve("work"), parallelism);
    }

    PipelineRunResult run(String yaml) {
        return run(yaml, Map.of());
    }

    PipelineRunResult run(String yaml, Map<String, String> params) {
        events.clear();
        return runner.run(runner.parse(yaml, params), dir, events::add, PipelineRunner.newRunId());
    }

    List<StepState> states(String step) {
        return events.stream().filter(event -> event.step().equals(step)).map(StepEvent::state).toList();
    }

    @Override
    public void close() {
        runner.close();
        database.close();
    }
}
