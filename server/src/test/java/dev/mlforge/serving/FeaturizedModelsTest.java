package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.http.Json;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import dev.mlforge.testsupport.RepoDatasets;
import dev.mlforge.training.DataSplit;
import dev.mlforge.training.Featurizer;
import dev.mlforge.training.ModelSaver;
import dev.mlforge.training.TabularData;
import dev.mlforge.training.TrainedModel;
import dev.mlforge.training.Trainers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * Models a pipeline trained after a featurize step (scaling, one-hot) take raw columns when served: the
 * featurizer.json saved with them is applied by the server, with the same result as featurizing in Java first.
 */
class FeaturizedModelsTest {
    private static final String LABEL = "class";

    @TempDir
    static Path dir;

    private static CsvTable rawTest;
    private static CsvTable featurizedTest;
    private static Featurizer featurizer;
    private static TrainedModel logistic;
    private static TrainedModel tree;
    private static Path logisticModel;
    private static Path treeModel;
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);

    /** Wine plus a categorical column derived from it, so both scaling and one-hot encoding are exercised. */
    @BeforeAll
    static void train() throws Exception {
        CsvTable wine = CsvTable.read(RepoDatasets.wine());
        List<String> columns = new ArrayList<>(wine.columns());
        columns.add("region");
        int alcohol = wine.columnIndex("alcohol");
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : wine.rows()) {
            List<String> extended = new ArrayList<>(row);
            double value = Double.parseDouble(row.get(alcohol));
            extended.add(value > 13.5 ? "north" : value > 12.5 ? "centre" : "south");
            rows.add(extended);
        }
        DataSplit split = DataSplit.stratified(new CsvTable(columns, rows), LABEL, 0.3, 42);
        featurizer = Featurizer.fit(split.train(), LABEL, true);
        rawTest = split.test();
        featurizedTest = featurizer.transform(split.test());
        TabularData train = new TabularData("train", featurizer.transform(split.train()), LABEL, Instant.EPOCH);
        TabularData test = new TabularData("test", featurizedTest, LABEL, Instant.EPOCH);
        logistic = Trainers.byName("logistic_regression").train(train, test, Map.of());
        tree = Trainers.byName("cart").train(train, test, Map.of("max_depth", 5));
        logisticModel = save(logistic, "logistic");
        treeModel = save(tree, "tree");
    }

    @BeforeEach
    void register() {
        models.registerModel("logistic", logisticModel);
        models.registerModel("tree", treeModel);
    }

    /** As the train step saves a model: the MLmodel folder with the featurize step's featurizer.json in it. */
    private static Path save(TrainedModel trained, String name) throws Exception {
        Path model = new ModelSaver(Clock.systemUTC()).save(trained, dir.resolve(name)).directory();
        Json.mapper().writeValue(model.resolve("featurizer.json").toFile(), featurizer);
        return model;
    }

    @Test
    void the_served_model_declares_one_input_per_raw_column() {
        assertThat(models.deploy("tree", "models:/tree/1").status()).isEqualTo(200);
        JsonNode inputs = server.http().get("/v2/models/tree").json().get("inputs");
        assertThat(inputs.findValuesAsText("name")).containsExactlyElementsOf(rawTest.columns().stream()
                .filter(column -> !column.equals(LABEL)).toList());
        assertThat(inputs.get(inputs.size() - 1).get("datatype").asText()).isEqualTo("BYTES");
        assertThat(inputs.get(0).get("datatype").asText()).isEqualTo("FP64");
    }

    @Test
    void raw_rows_get_the_predictions_of_the_featurized_rows_through_onnx_and_tribuo() {
        @SuppressWarnings("unchecked")
        Model<Label> treeModel = (Model<Label>) tree.model();
        @SuppressWarnings("unchecked")
        Model<Label> logisticModel = (Model<Label>) logistic.model();
        
        assertThat(models.deploy("tree", "models:/tree/1").status()).isEqualTo(200);
        assertThat(models.deploy("logistic", "models:/logistic/1").status()).isEqualTo(200);
        for (int row = 0; row < rawTest.rowCount(); row++) {
            String request = v2Request(rawTest.rows().get(row));

            JsonNode treeAnswer = server.http().post("/v2/models/tree/infer", request).json();
            assertThat(treeAnswer.get("outputs").get(0).get("data").get(0).asText()).as(treeAnswer.toString())
                    .isEqualTo(predicted(treeModel, tree, row));

            JsonNode scores = server.http().post("/v2/models/logistic/infer", request).json().get("outputs").get(0).get("data");
            int best = 0;
            for (int j = 1; j < scores.size(); j++) {
                best = scores.get(j).asDouble() > scores.get(best).asDouble() ? j : best;
            }
            assertThat(logisticModel.getOutputIDInfo().getOutput(best).getLabel())
                    .isEqualTo(predicted(logisticModel, logistic, row));
        }
    }

    @Test
    void missing_numbers_become_the_training_mean_and_an_unseen_category_encodes_as_all_zeros() {
        // Every number missing and the category unseen: the featurized row is all zeros, and the logistic model's
        // scores (continuous in every feature, and not saturated at the origin) pin that exactly.
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        for (String column : rawTest.columns()) {
            if (!column.equals(LABEL)) {
                ObjectNode input = inputs.addObject().put("name", column);
                input.putArray("shape").add(1);
                if (column.equals("region")) {
                    input.put("datatype", "BYTES").putArray("data").add("east");
                } else {
                    input.put("datatype", "FP64").putArray("data").addNull();
                }
            }
        }
        @SuppressWarnings("unchecked")
        Model<Label> logisticModel = (Model<Label>) logistic.model();
        String[] names = logistic.featureNames().toArray(String[]::new);
        var expected = logisticModel.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, new double[names.length]))
                .getOutputScores();

        assertThat(models.deploy("logistic", "models:/logistic/1").status()).isEqualTo(200);
        JsonNode scores = server.http().post("/v2/models/logistic/infer", body.toString()).json().get("outputs").get(0).get("data");

        for (int j = 0; j < scores.size(); j++) {
            String label = logisticModel.getOutputIDInfo().getOutput(j).getLabel();
            assertThat(scores.get(j).asDouble()).as(label).isCloseTo(expected.get(label).getScore(),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void mlflow_scoring_takes_the_raw_data_frame() {
        @SuppressWarnings("unchecked")
        Model<Label> treeModel = (Model<Label>) tree.model();
        
        assertThat(models.deploy("tree", "models:/tree/1").status()).isEqualTo(200);
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode frame = body.putObject("dataframe_split");
        int label = rawTest.columnIndex(LABEL);
        ArrayNode columns = frame.putArray("columns");
        rawTest.columns().stream().filter(column -> !column.equals(LABEL)).forEach(columns::add);
        ArrayNode data = frame.putArray("data");
        for (List<String> row : rawTest.rows().subList(0, 10)) {
            ArrayNode values = data.addArray();
            for (int c = 0; c < row.size(); c++) {
                if (c != label) {
                    if (rawTest.columns().get(c).equals("region")) {
                        values.add(row.get(c));
                    } else {
                        values.add(Double.parseDouble(row.get(c)));
                    }
                }
            }
        }

        JsonNode answer = server.http().post("/api/v1/deployments/tree/invocations", body.toString()).json();

        for (int row = 0; row < 10; row++) {
            assertThat(answer.get("predictions").get(row).asText()).as(answer.toString())
                    .isEqualTo(predicted(treeModel, tree, row));
        }
    }

    @Test
    void a_featurizer_that_does_not_fit_the_model_is_refused_at_deploy_time() throws Exception {
        Path model = new ModelSaver(Clock.systemUTC()).save(tree, dir.resolve("mismatch")).directory();
        Json.mapper().writeValue(model.resolve("featurizer.json").toFile(),
                new Featurizer(LABEL, List.of(new Featurizer.Scaler("alcohol", 13.0, 0.8)), List.of()));
        models.registerModel("mismatch", model);

        TestHttp.Response response = models.deploy("mismatch", "models:/mismatch/1");

        assertThat(response.status()).as(response.body()).isGreaterThanOrEqualTo(400);
        assertThat(response.body()).contains("featurizer.json produces [alcohol] but the model's features are");
    }

    /** One tensor per raw column, by name: numbers FP64, the category BYTES. */
    private static String v2Request(List<String> row) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        for (int c = 0; c < row.size(); c++) {
            String column = rawTest.columns().get(c);
            if (column.equals(LABEL)) {
                continue;
            }
            ObjectNode input = inputs.addObject().put("name", column);
            input.putArray("shape").add(1);
            if (column.equals("region")) {
                input.put("datatype", "BYTES").putArray("data").add(row.get(c));
            } else {
                input.put("datatype", "FP64").putArray("data").add(Double.parseDouble(row.get(c)));
            }
        }
        return body.toString();
    }

    /** What the Java model predicts for the featurized test row, with features in the model's order. */
    private static String predicted(Model<Label> model, TrainedModel trained, int row) {
        String[] names = trained.featureNames().toArray(String[]::new);
        double[] values = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = Double.parseDouble(featurizedTest.rows().get(row).get(featurizedTest.columnIndex(names[i])));
        }
        return model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values)).getOutput().getLabel();
    }
}
