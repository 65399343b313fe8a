package dev.mlforge.bench.pipelines;

import dev.mlforge.datasets.CsvTable;
import dev.mlforge.datasets.DatasetProfiler;
import dev.mlforge.pipelines.Deployer;
import dev.mlforge.pipelines.FolderModelRegistrar;
import dev.mlforge.pipelines.FolderStepCache;
import dev.mlforge.pipelines.PipelineDefinition;
import dev.mlforge.pipelines.PipelineListener;
import dev.mlforge.pipelines.PipelineRunResult;
import dev.mlforge.pipelines.PipelineRunner;
import dev.mlforge.pipelines.PipelineServices;
import dev.mlforge.pipelines.StepCatalog;
import dev.mlforge.training.DataSplit;
import dev.mlforge.training.Featurizer;
import dev.mlforge.training.InMemoryRunRecorder;
import dev.mlforge.training.TabularData;
import dev.mlforge.training.TrainedModel;
import dev.mlforge.training.Trainers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Costs of the pipeline engine on the committed wine data: profiling a dataset, training one model, and the
 * executor's own overhead for a ten-step pipeline served entirely from the step cache.
 * Run from the repository root (see docs/bench-pipelines.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PipelinesBench {
    private CsvTable wine;
    private TabularData train;
    private TabularData test;
    private Path workDir;
    private PipelineRunner runner;
    private PipelineDefinition cachedChain;

    @Setup
    public void setUp() throws IOException {
        wine = CsvTable.read(Path.of("datasets/wine.csv"));
        DataSplit split = DataSplit.stratified(wine, "class", 0.3, 42);
        Featurizer featurizer = Featurizer.fit(split.train(), "class", true);
        train = new TabularData("wine-train", featurizer.transform(split.train()), "class", Instant.EPOCH);
        test = new TabularData("wine-test", featurizer.transform(split.test()), "class", Instant.EPOCH);

        workDir = Files.createTempDirectory("mlforge-bench-pipelines");
        Files.writeString(workDir.resolve("wine.csv"), Files.readString(Path.of("datasets/wine.csv")));
        Deployer none = (name, uri) -> new Deployer.Deployment(name, uri, "none");
        PipelineServices services = new PipelineServices(new InMemoryRunRecorder(), new FolderModelRegistrar(workDir.resolve("registry")),
                none, null, workDir, Clock.systemUTC());
        runner = new PipelineRunner(StepCatalog.standard(), new FolderStepCache(workDir.resolve("index")), services,
                workDir.resolve("work"), 2);
        StringBuilder yaml = new StringBuilder("name: chain\nsteps:\n  - {name: load, uses: load, with: {path: wine.csv}}\n");
        String previous = "load.data";
        for (int i = 0; i < 10; i++) {
            yaml.append("  - {name: split").append(i).append(", uses: split, inputs: {data: ").append(previous)
                    .append("}, with: {label: class, test_fraction: 0.01, seed: ").append(i).append("}}\n");
            previous = "split" + i + ".train";
        }
        cachedChain = runner.parse(yaml.toString(), Map.of());
        runner.run(cachedChain, workDir, PipelineListener.NONE, PipelineRunner.newRunId()); // fills the cache
    }

    @TearDown
    public void tearDown() {
        runner.close();
    }

    @Benchmark
    public Object profile_wine_178_rows_14_columns() {
        return DatasetProfiler.profile(wine);
    }

    @Benchmark
    public TrainedModel train_logistic_regression_on_wine() {
        return Trainers.byName("logistic_regression").train(train, test, Map.of());
    }

    @Benchmark
    public TrainedModel train_random_forest_20_trees_on_wine() {
        return Trainers.byName("random_forest").train(train, test, Map.of());
    }

    /** Parse-free run of 11 steps: 1 load (never cached) and 10 cache hits, with step runs recorded in memory. */
    @Benchmark
    public List<?> run_cached_eleven_step_pipeline() {
        PipelineRunResult result = runner.run(cachedChain, workDir, PipelineListener.NONE, PipelineRunner.newRunId());
        return result.steps();
    }
}
