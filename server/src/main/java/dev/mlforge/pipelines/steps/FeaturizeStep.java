package dev.mlforge.pipelines.steps;

import dev.mlforge.http.Json;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;
import dev.mlforge.training.Featurizer;
import java.nio.file.Path;

/**
 * Fits standard scaling ({@code with.scale}, default true) and one-hot encoding on {@code train} only, then
 * transforms {@code train} and {@code test}; writes the fitted {@code featurizer} as JSON.
 */
final class FeaturizeStep implements Step {
    @Override
    public StepOutputs run(StepContext context) throws Exception {
        CsvTable train = CsvTable.read(context.inputFile("train"));
        CsvTable test = CsvTable.read(context.inputFile("test"));
        Featurizer featurizer = Featurizer.fit(train, context.string("label"), context.bool("scale", true));
        Path trainOut = context.outputDir().resolve("train.csv");
        Path testOut = context.outputDir().resolve("test.csv");
        Path featurizerOut = context.outputDir().resolve("featurizer.json");
        featurizer.transform(train).write(trainOut);
        featurizer.transform(test).write(testOut);
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(featurizerOut.toFile(), featurizer);
        return new StepOutputs()
                .file("train", trainOut)
                .file("test", testOut)
                .file("featurizer", featurizerOut)
                .value("features", featurizer.outputColumns().size() - 1);
    }
}
