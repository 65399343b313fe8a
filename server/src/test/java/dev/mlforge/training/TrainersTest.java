package dev.mlforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlforge.http.MlforgeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainersTest {
    private static final WineData WINE = new WineData();

    @ParameterizedTest
    @ValueSource(strings = {"logistic_regression", "linear_sgd", "cart", "random_forest"})
    void classifiers_reach_a_sane_accuracy_on_held_out_wine(String name) {
        TrainedModel model = Trainers.byName(name).train(WINE.train, WINE.test, Map.of());

        assertThat(WINE.test.rowCount()).isEqualTo(53);
        assertThat(model.metrics().get("accuracy")).as(name).isGreaterThan(0.85);
        assertThat(model.metrics().get("macro_f1")).as(name).isGreaterThan(0.85);
        assertThat(model.metrics()).containsKeys("precision_0", "recall_1", "f1_2");
        assertThat(model.outputLabels()).containsExactlyInAnyOrder("0", "1", "2");
        assertThat(model.featureNames()).hasSize(13).contains("alcohol", "proline");
        assertThat(model.provenanceJson()).contains("wine-train");
    }

    @Test
    void confusion_matrix_is_consistent_with_accuracy() {
        TrainedModel model = Trainers.byName("cart").train(WINE.train, WINE.test, Map.of("max_depth", 4));

        long[][] counts = model.confusion().counts();
        long total = Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
        long diagonal = 0;
        for (int i = 0; i < counts.length; i++) {
            diagonal += counts[i][i];
        }
        assertThat(total).isEqualTo(53);
        assertThat((double) diagonal / total).isCloseTo(model.metrics().get("accuracy"), org.assertj.core.data.Offset.offset(1e-9));
        // Row sums are the class supports of the test split: 18, 21, 14 (59, 71, 48 rows * 0.3, rounded).
        assertThat(Arrays.stream(counts).mapToLong(row -> Arrays.stream(row).sum()).toArray()).containsExactly(18, 21, 14);
    }

    @Test
    void logistic_regression_reports_a_log_loss() {
        TrainedModel model = Trainers.byName("logistic_regression").train(WINE.train, WINE.test, Map.of("epochs", 20));

        assertThat(model.metrics().get("log_loss")).isPositive().isLessThan(0.5);
    }

    @Test
    void kmeans_recovers_the_three_cultivars() {
        TrainedModel model = Trainers.byName("kmeans").train(WINE.train, WINE.test, Map.of("k", 3));

        assertThat(model.metrics().get("normalized_mi")).isGreaterThan(0.6);
    }

    @Test
    void linear_regression_predicts_a_numeric_column() {
        var wine = dev.mlforge.datasets.CsvTable.read(dev.mlforge.testsupport.RepoDatasets.wine());
        DataSplit split = DataSplit.random(wine, 0.3, 7);
        Featurizer featurizer = Featurizer.fit(split.train(), "alcohol", true);
        TabularData train = new TabularData("wine-alcohol", featurizer.transform(split.train()), "alcohol", Instant.EPOCH);
        TabularData test = new TabularData("wine-alcohol-test", featurizer.transform(split.test()), "alcohol", Instant.EPOCH);

        TrainedModel model = Trainers.byName("linear_regression").train(train, test, Map.of("epochs", 100, "learning_rate", 1.0));

        assertThat(model.metrics().get("r2")).as(model.metrics().toString()).isGreaterThan(0.4);
        assertThat(model.metrics().get("rmse")).isLessThan(0.8118); // below the column's standard deviation
    }

    @Test
    void the_featurizer_imputes_missing_cells_with_the_training_mean_and_ignores_them_when_fitting() {
        var train = dev.mlforge.datasets.CsvTable.parse("x,colour,label\n1,red,a\nNA,blue,b\n3,,a\n", "train");
        Featurizer featurizer = Featurizer.fit(train, "label", true);

        assertThat(featurizer.scalers()).singleElement().satisfies(scaler -> {
            assertThat(scaler.mean()).isEqualTo(2.0);
            assertThat(scaler.std()).isEqualTo(1.0);
        });
        assertThat(featurizer.oneHots()).singleElement().satisfies(oneHot ->
                assertThat(oneHot.categories()).containsExactly("blue", "red"));
        var transformed = featurizer.transform(dev.mlforge.datasets.CsvTable.parse("x,colour,label\nnull,NA,a\n", "new"));
        assertThat(transformed.rows()).containsExactly(java.util.List.of("0.0", "0", "0", "a"));
    }

    @Test
    void training_on_raw_cells_names_a_missing_value_and_a_text_value_apart() {
        var table = dev.mlforge.datasets.CsvTable.parse("x,label\n1,a\nNA,b\n", "raw");
        assertThatThrownBy(() -> Trainers.byName("cart").train(new TabularData("raw", table, "label", Instant.EPOCH),
                new TabularData("raw", table, "label", Instant.EPOCH), Map.of()))
                .hasMessageContaining("column 'x' has a missing value ('NA'); featurize before training");
        var text = dev.mlforge.datasets.CsvTable.parse("x,label\n1,a\nred,b\n", "raw");
        assertThatThrownBy(() -> Trainers.byName("cart").train(new TabularData("raw", text, "label", Instant.EPOCH),
                new TabularData("raw", text, "label", Instant.EPOCH), Map.of()))
                .hasMessageContaining("holds the non-numeric value 'red'");
    }

    @Test
    void unknown_trainers_and_parameters_are_refused_with_the_known_names() {
        assertThatThrownBy(() -> Trainers.byName("xgboost")).isInstanceOf(MlforgeException.class)
                .hasMessageContaining("known trainers are [logistic_regression");
        assertThatThrownBy(() -> Trainers.byName("cart").train(WINE.train, WINE.test, Map.of("depth", 3)))
                .hasMessageContaining("has no parameter 'depth'");
        assertThatThrownBy(() -> Trainers.byName("cart").train(WINE.train, WINE.test, Map.of("max_depth", "deep")))
                .hasMessageContaining("'max_depth' must be an integer, got 'deep'");
        assertThatThrownBy(() -> Trainers.byName("linear_sgd").train(WINE.train, WINE.test, Map.of("loss", "l1")))
                .hasMessageContaining("must be one of [hinge, log]");
    }
}
