package dev.mlforge.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mlforge.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

class ModelSaverTest {
    private static final WineData WINE = new WineData();

    @TempDir
    Path tmp;

    @Test
    void logistic_regression_exports_onnx_that_onnx_runtime_scores_like_tribuo() throws Exception {
        TrainedModel trained = Trainers.byName("logistic_regression").train(WINE.train, WINE.test, Map.of());
        SavedModel saved = new ModelSaver(Clock.systemUTC()).save(trained, tmp.resolve("model"));

        assertThat(saved.flavor()).isEqualTo("onnx");
        @SuppressWarnings("unchecked")
        Model<Label> model = (Model<Label>) trained.model();
        List<Prediction<Label>> predictions = model.predict(WINE.test.classification());
        float[][] input = featureMatrix(trained.featureNames(), WINE.test);

        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(saved.onnxFile().toString(), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(environment, input);
             OrtSession.Result result = session.run(Map.of("input", tensor))) {
            float[][] scores = (float[][]) result.get(0).getValue();
            assertThat(scores).hasNumberOfRows(WINE.test.rowCount());
            for (int row = 0; row < scores.length; row++) {
                Map<String, Label> tribuoScores = predictions.get(row).getOutputScores();
                for (int column = 0; column < trained.outputLabels().size(); column++) {
                    double expected = tribuoScores.get(trained.outputLabels().get(column)).getScore();
                    assertThat((double) scores[row][column]).as("row %d label %s", row, trained.outputLabels().get(column))
                            .isCloseTo(expected, within(1e-4));
                }
            }
        }
    }

    @Test
    void onnx_model_gets_an_mlflow_mlmodel_with_a_tensor_signature() throws Exception {
        TrainedModel trained = Trainers.byName("logistic_regression").train(WINE.train, WINE.test, Map.of());
        SavedModel saved = new ModelSaver(Clock.systemUTC()).save(trained, tmp.resolve("model"));

        JsonNode mlmodel = new YAMLMapper().readTree(saved.mlmodelFile().toFile());
        assertThat(mlmodel.path("flavors").path("onnx").path("onnx_model_path").asText()).isEqualTo("model.onnx");
        assertThat(mlmodel.path("flavors").path("python_function").path("loader_module").asText()).isEqualTo("mlflow.onnx");
        JsonNode inputs = Json.mapper().readTree(mlmodel.path("signature").path("inputs").asText());
        assertThat(inputs.get(0).path("name").asText()).isEqualTo("input");
        assertThat(inputs.get(0).path("tensor-spec").path("dtype").asText()).isEqualTo("float32");
        assertThat(inputs.get(0).path("tensor-spec").path("shape").toString()).isEqualTo("[-1,13]");
        JsonNode outputs = Json.mapper().readTree(mlmodel.path("signature").path("outputs").asText());
        assertThat(outputs.get(0).path("tensor-spec").path("shape").toString()).isEqualTo("[-1,3]");
        assertThat(mlmodel.path("metadata").path("feature_names")).hasSize(13);
        assertThat(Files.readString(saved.modelCard())).contains("# Model card: logistic_regression").contains("| accuracy |")
                .contains("## Intended use").contains("## Confusion matrix");
        assertThat(Json.mapper().readTree(tmp.resolve("model/provenance.json").toFile()).toString()).contains("LinearSGDTrainer");
    }

    @Test
    void cart_is_saved_with_the_tribuo_flavor_and_reloads_with_identical_predictions() throws Exception {
        TrainedModel trained = Trainers.byName("cart").train(WINE.train, WINE.test, Map.of());
        SavedModel saved = new ModelSaver(Clock.systemUTC()).save(trained, tmp.resolve("cart"));

        assertThat(saved.flavor()).isEqualTo("tribuo");
        assertThat(saved.hasOnnx()).isFalse();
        assertThat(Files.exists(tmp.resolve("cart/model.onnx"))).isFalse();
        JsonNode mlmodel = new YAMLMapper().readTree(saved.mlmodelFile().toFile());
        assertThat(mlmodel.path("flavors").has("onnx")).isFalse();
        assertThat(mlmodel.path("flavors").path("tribuo").path("model_path").asText()).isEqualTo("model.tribuo");

        @SuppressWarnings("unchecked")
        Model<Label> reloaded = (Model<Label>) Model.deserializeFromFile(saved.tribuoFile());
        @SuppressWarnings("unchecked")
        Model<Label> original = (Model<Label>) trained.model();
        var data = WINE.test.classification();
        assertThat(reloaded.predict(data).stream().map(p -> p.getOutput().getLabel()).toList())
                .isEqualTo(original.predict(data).stream().map(p -> p.getOutput().getLabel()).toList());
    }

    @Test
    void random_forest_falls_back_to_the_tribuo_flavor() {
        TrainedModel trained = Trainers.byName("random_forest").train(WINE.train, WINE.test, Map.of("trees", 5));
        SavedModel saved = new ModelSaver(Clock.systemUTC()).save(trained, tmp.resolve("forest"));

        assertThat(saved.flavor()).isEqualTo("tribuo");
        assertThat(Files.exists(saved.tribuoFile())).isTrue();
    }

    static float[][] featureMatrix(List<String> featureOrder, TabularData data) {
        float[][] matrix = new float[data.rowCount()][featureOrder.size()];
        int[] columns = featureOrder.stream().mapToInt(data.table()::columnIndex).toArray();
        for (int row = 0; row < data.rowCount(); row++) {
            for (int i = 0; i < columns.length; i++) {
                matrix[row][i] = Float.parseFloat(data.table().rows().get(row).get(columns[i]));
            }
        }
        return matrix;
    }
}
