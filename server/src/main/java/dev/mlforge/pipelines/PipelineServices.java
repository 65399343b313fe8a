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
 * @param root    for runs submitted to the server, the real path of the folder every file the pipeline names must
 *                stay inside ({@code pipelines.base-dir}); null for local runs, which read whatever their user names
 */
public record PipelineServices(RunRecorder recorder, ModelRegistrar registrar, Deployer deployer, DatasetService datasets,
        Path baseDir, Clock clock, Path root, TrainingSetBuilder trainingSets) {

    /** Services for local runs: the pipeline's files are not confined, and there is no feature store. */
    public PipelineServices(RunRecorder recorder, ModelRegistrar registrar, Deployer deployer, DatasetService datasets,
            Path baseDir, Clock clock) {
        this(recorder, registrar, deployer, datasets, baseDir, clock, null, null);
    }

    /** The same services with the feature store's training sets (for the {@code features} step). */
    public PipelineServices withTrainingSets(TrainingSetBuilder builder) {
        return new PipelineServices(recorder, registrar, deployer, datasets, baseDir, clock, root, builder);
    }

    public Optional<TrainingSetBuilder> trainingSetService() {
        return Optional.ofNullable(trainingSets);
    }

    public Optional<DatasetService> datasetService() {
        return Optional.ofNullable(datasets);
    }

    public PipelineServices withBaseDir(Path dir) {
        return new PipelineServices(recorder, registrar, deployer, datasets, dir, clock, root, trainingSets);
    }

    /** The same services for a run whose files must stay inside {@code folder} and resolve against {@code dir}. */
    PipelineServices confinedTo(Path folder, Path dir) {
        return new PipelineServices(recorder, registrar, deployer, datasets, dir, clock, folder, trainingSets);
    }

    /**
     * The existing regular file that {@code path} names (relative to {@link #baseDir()}), refused with
     * INVALID_PARAMETER_VALUE when the run is confined and the path leaves {@link #root()}; {@code place} names the
     * parameter in messages.
     */
    public Path readableFile(String path, String place) {
        return PipelineFiles.readable(root, PipelineFiles.resolve(root, baseDir, path, place), path, place);
    }

    /** Checks {@code path} as {@link #readableFile} does, without requiring the file to exist yet. */
    void checkPath(String path, String place) {
        PipelineFiles.resolve(root, baseDir, path, place);
    }
}
