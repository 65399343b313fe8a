package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testsupport.RepoDatasets;
import dev.mlforge.training.ModelSaver;
import dev.mlforge.training.TabularData;
import dev.mlforge.training.TrainedModel;
import dev.mlforge.training.Trainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Models trained in Java with Tribuo on the committed iris data, served natively and through their ONNX export. */
class TribuoModelsTest {
    private static final String[] FEATURES = {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    @TempDir
    Path dir;
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);

    private static MutableDataset<Label> iris() throws Exception {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("iris", factory), factory);
        List<String> lines = Files.readAllLines(TestModels.resource("data/iris.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] values = new double[4];
            for (int i = 0; i < 4; i++) {
                values[i] = Double.parseDouble(cells[i]);
            }
            dataset.add(new ArrayExample<>(new Label("class_" + cells[4]), FEATURES, values));
        }
        return dataset;
    }

    private static String v2Row(String datatype, Example<Label> example) {
        List<String> values = new ArrayList<>();
        example.forEach(feature -> values.add(Double.toString(feature.getValue())));
        return "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"" + datatype + "\", \"data\": ["
                + String.join(",", values) + "]}]}";
    }

    @Test
    void a_tribuo_cart_model_is_served_natively_with_the_labels_tribuo_predicts() throws Exception {
        MutableDataset<Label> data = iris();
        Model<Label> tree = new CARTClassificationTrainer(4).train(data);
        Path file = dir.resolve("tree/model.tribuo");
        Files.createDirectories(file.getParent());
        tree.serializeToFile(file);
        models.registerModel("tree", file.getParent());

        assertThat(models.deploy("tree", "models:/tree/1").status()).isEqualTo(200);
        JsonNode metadata = server.http().get("/v2/models/tree").json();
        assertThat(metadata.get("platform").asText()).isEqualTo("tribuo_protobuf");
        assertThat(metadata.get("outputs").findValuesAsText("name")).containsExactlyElementsOf(
                tree.generatesProbabilities() ? List.of("label", "probabilities") : List.of("label"));
        assertThat(metadata.get("inputs").get(0).get("shape").toString()).isEqualTo("[-1,4]");
        for (int i = 0; i < data.size(); i += 7) {
            Example<Label> example = data.getExample(i);
            JsonNode label = server.http().post("/v2/models/tree/infer", v2Row("FP64", example)).json().get("outputs").get(0);
            assertThat(label.get("datatype").asText()).isEqualTo("BYTES");
            assertThat(label.get("data").get(0).asText()).isEqualTo(tree.predict(example).getOutput().getLabel());
        }
    }

    @Test
    void a_tribuo_logistic_model_exported_to_onnx_answers_like_tribuo() throws Exception {
        MutableDataset<Label> data = iris();
        var logistic = new LogisticRegressionTrainer().train(data);
        Path file = dir.resolve("logistic.onnx");
        ((org.tribuo.ONNXExportable) logistic).saveONNXModel("dev.mlforge.test", 1, file);
        models.registerModel("logistic", file);

        assertThat(models.deploy("logistic", "models:/logistic/1").status()).isEqualTo(200);
        for (int i = 0; i < data.size(); i += 7) {
            Example<Label> example = data.getExample(i);
            JsonNode scores = server.http().post("/v2/models/logistic/infer", v2Row("FP32", example)).json()
                    .get("outputs").get(0).get("data");
            int best = 0;
            for (int j = 1; j < scores.size(); j++) {
                best = scores.get(j).asDouble() > scores.get(best).asDouble() ? j : best;
            }
            String predicted = logistic.getOutputIDInfo().getOutput(best).getLabel();
            assertThat(predicted).isEqualTo(logistic.predict(example).getOutput().getLabel());
        }
    }

    @Test
    void a_tree_saved_by_the_trainers_deploys_from_its_mlflow_directory_through_the_tribuo_flavor() throws Exception {
        CsvTable wine = CsvTable.read(RepoDatasets.wine());
        TrainedModel trained = Trainers.byName("cart").train(new TabularData("wine", wine, "class", Instant.EPOCH),
                new TabularData("wine", wine, "class", Instant.EPOCH), Map.of("max_depth", 4));
        Path model = new ModelSaver(java.time.Clock.systemUTC()).save(trained, dir.resolve("cart")).directory();
        assertThat(model.resolve("model.onnx")).doesNotExist();
        models.registerModel("cart", model);
        @SuppressWarnings("unchecked")
        Model<Label> tree = (Model<Label>) trained.model();
        String[] features = trained.featureNames().toArray(String[]::new);

        assertThat(models.deploy("cart", "models:/cart/1").status()).isEqualTo(200);
        JsonNode input = server.http().get("/v2/models/cart").json().get("inputs").get(0);
        assertThat(input.get("datatype").asText()).as("the MLmodel signature's dtype").isEqualTo("FP32");
        assertThat(input.get("shape").toString()).isEqualTo("[-1," + features.length + "]");
        for (int row = 0; row < wine.rowCount(); row += 11) {
            double[] values = new double[features.length];
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < features.length; i++) {
                values[i] = (float) Double.parseDouble(wine.rows().get(row).get(wine.columnIndex(features[i])));
                cells.add(Double.toString(values[i]));
            }
            String body = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, " + features.length
                    + "], \"datatype\": \"FP32\", \"data\": [" + String.join(",", cells) + "]}]}";
            JsonNode label = server.http().post("/v2/models/cart/infer", body).json().get("outputs").get(0);
            assertThat(label.get("name").asText()).isEqualTo("label");
            assertThat(label.get("data").get(0).asText()).isEqualTo(tree.predict(
                    new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, features, values)).getOutput().getLabel());
        }
    }
}
