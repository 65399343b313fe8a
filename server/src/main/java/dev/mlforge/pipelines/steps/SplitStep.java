package dev.mlforge.pipelines.steps;

import dev.mlforge.datasets.CsvTable;
import dev.mlforge.pipelines.Step;
import dev.mlforge.pipelines.StepContext;
import dev.mlforge.pipelines.StepOutputs;
import dev.mlforge.training.DataSplit;
import java.nio.file.Path;

/**
 * Splits {@code data} into {@code train} and {@code test}: stratified by {@code with.label} unless
 * {@code with.stratify} is false, {@code with.test_fraction} (default 0.2), {@code with.seed} (default 42).
 */
final class SplitStep implements Step {
    @Override
    public StepOutputs run(StepContext context) {
        CsvTable table = CsvTable.read(context.inputFile("data"));
        double fraction = context.decimal("test_fraction", 0.2);
        long seed = context.integer("seed", 42);
        DataSplit split = context.bool("stratify", true)
                ? DataSplit.stratified(table, context.string("label"), fraction, seed)
                : DataSplit.random(table, fraction, seed);
        Path train = context.outputDir().resolve("train.csv");
        Path test = context.outputDir().resolve("test.csv");
        split.train().write(train);
        split.test().write(test);
        return new StepOutputs()
                .file("train", train)
                .file("test", test)
                .value("train_rows", split.train().rowCount())
                .value("test_rows", split.test().rowCount())
                .metric("train_rows", split.train().rowCount())
                .metric("test_rows", split.test().rowCount());
    }
}
