package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.datasets.CsvTable;
import dev.mlforge.http.Json;
import dev.mlforge.http.PythonJson;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import dev.mlforge.testsupport.RepoDatasets;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * A classifier trained by mlforge and served through its ONNX export (whose graph gives only class scores) answers
 * class labels next to the scores on V2, and its labels on {@code /invocations}, as MLflow's scoring server does for
 * a classifier.
 */
class ClassifierOutputsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);

    @Test
    void an_onnx_classifier_answers_labels_named_from_its_trainer_next_to_the_scores_named_by_its_signature() throws Exception {
        CsvTable wine = CsvTable.read(RepoDatasets.wine());
        TabularData data = new TabularData("wine", wine, "class", Instant.EPOCH);
        TrainedModel trained = Trainers.byName("logistic_regression").train(data, data, Map.of());
        Path model = new ModelSaver(Clock.systemUTC()).save(trained, dir.resolve("logistic")).directory();
        models.registerModel("wine", model);
        @SuppressWarnings("unchecked")
        Model<Label> tribuo = (Model<Label>) trained.model();
        String[] features = trained.featureNames().toArray(String[]::new);

        TestHttp.Response deployed = models.deploy("wine", "models:/wine/1");

        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        JsonNode metadata = server.http().get("/v2/models/wine").json();
        assertThat(metadata.get("platform").asText()).isEqualTo("onnx_onnxv1");
        assertThat(metadata.get("outputs").toString()).isEqualTo("[{\"name\":\"output\",\"datatype\":\"FP32\",\"shape\":[-1,3]},"
                + "{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]}]");
        List<List<Double>> rows = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int row = 0; row < wine.rowCount(); row += 9) {
            double[] values = new double[features.length];
            List<Double> cells = new ArrayList<>();
            for (int i = 0; i < features.length; i++) {
                values[i] = (float) Double.parseDouble(wine.rows().get(row).get(wine.columnIndex(features[i])));
                cells.add(values[i]);
            }
            rows.add(cells);
            expected.add(tribuo.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, features, values)).getOutput().getLabel());
        }
        List<Double> flat = rows.stream().flatMap(List::stream).toList();
        String v2 = "{\"inputs\": [{\"name\": \"input\", \"shape\": [" + rows.size() + ", " + features.length
                + "], \"datatype\": \"FP32\", \"data\": " + flat + "}]}";
        JsonNode outputs = server.http().post("/v2/models/wine/infer", v2).json().get("outputs");
        assertThat(outputs.get(1).get("name").asText()).isEqualTo("label");
        assertThat(outputs.get(1).get("data")).isEqualTo(Json.mapper().valueToTree(expected));
        assertThat(outputs.get(0).get("shape").toString()).isEqualTo("[" + rows.size() + ",3]");

        String split = Json.mapper().writeValueAsString(Map.of("dataframe_split", Map.of("columns", List.of(features), "data", rows)));
        TestHttp.Response scored = server.http().post("/api/v1/deployments/wine/invocations", split);
        assertThat(scored.body()).isEqualTo(PythonJson.write(Map.of("predictions", expected)));
    }
}
