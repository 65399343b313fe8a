package dev.mlforge.pipelines.steps;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.datasets.DatasetService;
import dev.mlforge.datasets.DatasetVersionEntity;
import dev.mlforge.datasets.MlflowDataset;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a CSV file ({@code with.path}, relative to the pipeline file) or a registered dataset version
 * ({@code with.dataset} + {@code with.version}, default latest). With a dataset service and a {@code path}, it also
 * registers the file as a version of {@code with.dataset}. Outputs {@code data} and the content's digests, and declares
 * the dataset (the registered version, else the local file under {@code with.dataset} or the file's name) so every run
 * downstream records it as a dataset input, with the digest {@code mlforge datasets register} gives the same bytes.
 * Never cached: reading is cheap, and the file may have changed; downstream steps are cached by its digest.
 */
final class LoadStep implements Step {
    @Override
    public java.util.Set<String> fileParameters() {
        return java.util.Set.of("path");
    }

    @Override
    public boolean cacheable() {
        return false;
    }

    @Override
    public StepOutputs run(StepContext context) throws Exception {
        Path target = context.outputDir().resolve("data.csv");
        DatasetVersionEntity version = null;
        Path source = null;
        if (context.has("path")) {
            source = context.file("path");
            Files.copy(source, target);
            if (context.has("dataset") && context.services().datasetService().isPresent()) {
                version = context.services().datasets().register(context.string("dataset"), target);
            }
        } else if (context.has("dataset")) {
            DatasetService datasets = context.services().datasetService().orElseThrow(() -> MlforgeException.invalidParameter(
                    "Step '" + context.stepName() + "': loading a registered dataset needs the dataset service; give 'with.path'"));
            version = datasets.version(context.string("dataset"), context.string("version", "latest"));
            try (var in = datasets.open(version)) {
                Files.copy(in, target);
            }
        } else {
            throw MlforgeException.invalidParameter("Step '" + context.stepName() + "' needs 'with.path' or 'with.dataset'");
        }
        CsvTable table = CsvTable.read(target);
        String sha256 = DatasetService.sha256(Files.readAllBytes(target));
        StepOutputs outputs = new StepOutputs()
                .file("data", target)
                .value("rows", table.rowCount())
                .value("columns", table.columns())
                .value("sha256", sha256)
                .value("digest", DatasetService.digestOf(sha256))
                .metric("rows", table.rowCount());
        MlflowDataset dataset;
        if (version != null) {
            outputs.value("dataset", version.name()).value("dataset_version", version.version());
            dataset = DatasetService.asMlflowDataset(version);
        } else {
            dataset = MlflowDataset.ofLocalFile(context.string("dataset", baseName(source)), source, table, sha256);
        }
        return outputs.dataset(dataset);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
