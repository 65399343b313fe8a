package dev.mlforge.training;

import dev.mlforge.datasets.CsvTable;
import dev.mlforge.testsupport.RepoDatasets;
import java.time.Instant;

/** The committed wine data, split 70/30 stratified and standard-scaled on the train part. */
final class WineData {
    final TabularData train;
    final TabularData test;

    WineData() {
        CsvTable wine = CsvTable.read(RepoDatasets.wine());
        DataSplit split = DataSplit.stratified(wine, "class", 0.3, 42);
        Featurizer featurizer = Featurizer.fit(split.train(), "class", true);
        train = new TabularData("wine-train", featurizer.transform(split.train()), "class", Instant.EPOCH);
        test = new TabularData("wine-test", featurizer.transform(split.test()), "class", Instant.EPOCH);
    }
}
