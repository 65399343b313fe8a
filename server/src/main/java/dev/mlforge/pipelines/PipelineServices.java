package dev.mlforge.pipelines;

import dev.mlforge.datasets.DatasetService;
import dev.mlforge.training.RunRecorder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The platform seams that built-in steps use. {@code datasets} is optional: without it, {@code load} reads files
 * but does not register dataset versions.
 *
 * @param baseDir folder that relative file paths in the pipeline resolve against (the YAML file's folder)
 */
public record PipelineServices(RunRecorder recorder, ModelRegistrar registrar, Deployer deployer, DatasetService datasets,
        Path baseDir, Clock clock) {

    public Optional<DatasetService> datasetService() {
        return Optional.ofNullable(datasets);
    }

    public PipelineServices withBaseDir(Path dir) {
        return new PipelineServices(recorder, registrar, deployer, datasets, dir, clock);
    }
}
