package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.models.MlModel;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * XGBoost and LightGBM models run in the JVM answer what the libraries themselves predict: XGBoost models and
 * predictions written by Debian's python3-xgboost (serving/boosters/generate_boosters.py), a LightGBM booster
 * trained here with lightgbm4j (Debian has no LightGBM) and compared with that library's own predict.
 */
class BoostersTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);

    private static JsonNode expected(String name) throws Exception {
        return Json.mapper().readTree(TestModels.resource("boosters/" + name + ".expected.json").toFile());
    }

    private static String v2Rows(JsonNode rows, String datatype) {
        List<String> values = new ArrayList<>();
        rows.forEach(row -> row.forEach(value -> values.add(value.asText())));
        return "{\"inputs\": [{\"name\": \"input\", \"shape\": [" + rows.size() + ", " + rows.get(0).size()
                + "], \"datatype\": \"" + datatype + "\", \"data\": [" + String.join(",", values) + "]}]}";
    }

    private void deployOk(String name, String uri) {
        TestHttp.Response response = models.deploy(name, uri);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private JsonNode infer(String deployment, String body) {
        TestHttp.Response response = server.http().post("/v2/models/" + deployment + "/infer", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("outputs");
    }

    private JsonNode invocations(String deployment, String body) {
        TestHttp.Response response = server.http().post("/api/v1/deployments/" + deployment + "/invocations", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static void assertClose(JsonNode actual, JsonNode expected, double tolerance) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).isArray()) {
                assertClose(actual.get(i), expected.get(i), tolerance);
            } else {
                assertThat(actual.get(i).asDouble()).as("element %d", i).isCloseTo(expected.get(i).asDouble(), within(tolerance));
            }
        }
    }

    @Test
    void an_xgboost_classifier_logged_by_mlflow_answers_its_labels_and_probabilities_as_xgboost_does() throws Exception {
        JsonNode expected = expected("iris_xgb_classifier");
        models.registerModel("iris", TestModels.resource("boosters/iris_xgb_classifier"));

        deployOk("iris", "models:/iris/1");

        JsonNode metadata = server.http().get("/v2/models/iris").json();
        assertThat(metadata.get("platform").asText()).isEqualTo("xgboost");
        assertThat(metadata.get("outputs").findValuesAsText("name")).containsExactly("label", "probabilities");
        JsonNode outputs = infer("iris", v2Rows(expected.get("rows"), "FP32"));
        assertThat(outputs.get(0).get("datatype").asText()).isEqualTo("INT64");
        assertThat(outputs.get(0).get("data")).isEqualTo(expected.get("labels"));
        List<Double> flat = new ArrayList<>();
        expected.get("probabilities").forEach(row -> row.forEach(value -> flat.add(value.asDouble())));
        assertClose(outputs.get(1).get("data"), Json.mapper().valueToTree(flat), 1e-6);
        Map<String, Object> split = Map.of("dataframe_split", Map.of("columns", expected.get("columns"), "data", expected.get("rows")));
        assertThat(invocations("iris", Json.mapper().writeValueAsString(split)))
                .isEqualTo(Json.mapper().createObjectNode().set("predictions", expected.get("labels")));
    }

    @Test
    void an_xgboost_booster_saved_as_json_answers_the_class_probabilities_booster_predict_gives() throws Exception {
        JsonNode expected = expected("wine_xgb_booster");
        models.registerModel("wine", TestModels.resource("boosters/wine_xgb_booster"));

        deployOk("wine", "models:/wine/1");

        JsonNode output = infer("wine", v2Rows(expected.get("rows"), "FP64")).get(0);
        assertThat(output.get("name").asText()).isEqualTo("prediction");
        assertThat(output.get("shape").toString()).isEqualTo("[" + expected.get("rows").size() + ",3]");
        List<Double> flat = new ArrayList<>();
        expected.get("predictions").forEach(row -> row.forEach(value -> flat.add(value.asDouble())));
        assertClose(output.get("data"), Json.mapper().valueToTree(flat), 1e-6);
        JsonNode predictions = invocations("wine", "{\"inputs\": " + expected.get("rows") + "}").get("predictions");
        assertClose(predictions, expected.get("predictions"), 1e-6);
    }

    @Test
    void a_lightgbm_booster_answers_what_lightgbm_predicts_for_the_same_rows() throws Exception {
        List<String> lines = Files.readAllLines(TestModels.resource("data/iris.csv"));
        int rows = lines.size() - 1;
        double[] features = new double[rows * 4];
        float[] labels = new float[rows];
        for (int row = 0; row < rows; row++) {
            String[] cells = lines.get(row + 1).split(",");
            for (int i = 0; i < 4; i++) {
                features[row * 4 + i] = Double.parseDouble(cells[i]);
            }
            labels[row] = Float.parseFloat(cells[4]);
        }
        double[] direct = new double[rows * 3];
        try (LGBMDataset dataset = LGBMDataset.createFromMat(features, rows, 4, true, "min_data_in_leaf=5", null)) {
            dataset.setField("label", labels);
            dataset.setFeatureNames(new String[] {"sepal_length", "sepal_width", "petal_length", "petal_width"});
            LGBMBooster booster = LGBMBooster.create(dataset,
                    "objective=multiclass num_class=3 num_leaves=7 learning_rate=0.2 seed=7 deterministic=true num_threads=1 verbose=-1");
            for (int i = 0; i < 15; i++) {
                booster.updateOneIter();
            }
            Path model = Files.createDirectories(dir.resolve("lgb"));
            Files.writeString(model.resolve("model.lgb"), booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT));
            // LightGBM's own predictions of the training rows (class-major); its predictForMat miscounts 3 classes.
            double[] trained = booster.getPredict(0);
            for (int row = 0; row < rows; row++) {
                for (int k = 0; k < 3; k++) {
                    direct[row * 3 + k] = trained[k * rows + row];
                }
            }
            booster.close();
            lightgbmMlmodel(model, "model.lgb", "lightgbm.basic.Booster");
            models.registerModel("lgb", model);
        }

        deployOk("lgb", "models:/lgb/1");

        List<String> values = new ArrayList<>();
        for (double value : features) {
            values.add(Double.toString(value));
        }
        String body = "{\"inputs\": [{\"name\": \"input\", \"shape\": [" + rows + ", 4], \"datatype\": \"FP64\", \"data\": ["
                + String.join(",", values) + "]}]}";
        JsonNode output = infer("lgb", body).get(0);
        assertThat(output.get("shape").toString()).isEqualTo("[" + rows + ",3]");
        assertClose(output.get("data"), Json.mapper().valueToTree(direct), 1e-9);
        JsonNode records = invocations("lgb", "{\"dataframe_records\": [{\"petal_width\": 0.2, \"petal_length\": 1.4,"
                + " \"sepal_width\": 3.5, \"sepal_length\": 5.1}]}").get("predictions");
        assertClose(records.get(0), Json.mapper().valueToTree(new double[] {direct[0], direct[1], direct[2]}), 1e-9);
    }

    private static void lightgbmMlmodel(Path model, String data, String modelClass) throws Exception {
        lightgbmMlmodel(model, data, modelClass, true);
    }

    /** Without {@code python_function}, so no out-of-process runtime may take what the JVM declines. */
    private static void lightgbmMlmodel(Path model, String data, String modelClass, boolean pyfunc) throws Exception {
        Map<String, Object> flavors = new LinkedHashMap<>();
        if (pyfunc) {
            flavors.put("python_function", Map.of("loader_module", "mlflow.lightgbm", "data", data, "python_version", "3.11.2"));
        }
        flavors.put("lightgbm", Map.of("data", data, "model_class", modelClass, "lgb_version", "4.3.0"));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("artifact_path", "model");
        document.put("flavors", flavors);
        MlModel.of(document).writeTo(model);
    }

    @Test
    void a_pickled_scikit_learn_lightgbm_model_is_declined_by_the_jvm_runtime_with_the_reason() throws Exception {
        Path model = Files.createDirectories(dir.resolve("pickled"));
        Files.write(model.resolve("model.pkl"), new byte[] {(byte) 0x80, 4, '.'});
        lightgbmMlmodel(model, "model.pkl", "lightgbm.sklearn.LGBMClassifier", false);
        models.registerModel("pickled", model);

        TestHttp.Response refused = models.deploy("pickled", "models:/pickled/1");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("model.pkl is a Python pickle of lightgbm.sklearn.LGBMClassifier");
    }

    @Test
    void a_corrupt_xgboost_file_is_refused_naming_the_file_and_the_previous_version_keeps_serving() throws Exception {
        JsonNode expected = expected("iris_xgb_classifier");
        models.registerModel("iris", TestModels.resource("boosters/iris_xgb_classifier"));
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(TestModels.resource("boosters/iris_xgb_classifier/MLmodel"), broken.resolve("MLmodel"));
        Files.write(broken.resolve("model.ubj"), new byte[] {'{', 'L', 0, 0, 0, 0, 0, 0, 0, 9, 'x'});
        models.registerModel("iris", broken);
        deployOk("iris", "models:/iris/1");

        TestHttp.Response refused = server.http().patch("/api/v1/deployments/iris", "{\"model_uri\": \"models:/iris/2\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(refused.json().get("message").asText()).contains("Cannot load XGBoost model model.ubj")
                .doesNotContain(server.dataDir().toString());
        assertThat(infer("iris", v2Rows(expected.get("rows"), "FP32")).get(0).get("data")).isEqualTo(expected.get("labels"));
    }
}
