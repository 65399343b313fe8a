package dev.mlforge.deeplearning;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.sdk.ActiveRun;
import dev.mlforge.sdk.MlforgeClient;
import dev.mlforge.sdk.testing.ClientExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CNN this module trains is registered from its run and deployed through the server's API; the server finds
 * its runtime through the predictor SPI (this module's {@code META-INF/services}), and answers the labels DJL
 * itself computes from the saved parameters.
 */
class CnnServingTest {
    private static final int ROWS = 40;

    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();

    @TempDir
    Path workDir;

    /** The arg-max classes of the saved model, computed by DJL directly (not through the server). */
    private static long[] directLabels(Path modelDir, ImageSet images) throws Exception {
        try (Model model = Model.newInstance("cnn", "PyTorch"); NDManager scope = NDManager.newBaseManager()) {
            model.setBlock(Cnn.block(16, images.classes()));
            model.load(modelDir, "cnn");
            NDArray x = scope.create(images.pixels(), new Shape(images.size(), 1, images.height(), images.width()));
            NDArray logits = model.getBlock().forward(new ParameterStore(scope, false), new NDList(x), false).singletonOrThrow();
            return logits.argMax(1).toLongArray();
        }
    }

    @Test
    void the_trained_cnn_is_registered_deployed_and_answers_what_djl_predicts(MlforgeClient client) throws Exception {
        System.setProperty("offline", "true");
        TrainCnn.Split split = TrainCnn.digits(null);
        String runId;
        try (ActiveRun run = client.startRun("cnn-serving-test")) {
            runId = run.runId();
            new CnnTrainer(new TrainingSettings(2, 32, 0.003f, 16, 42)).train(split.train(), split.validation(), run, workDir);
        }
        ImageSet held = split.validation().slice(0, ROWS);
        long[] expected = directLabels(workDir.resolve("cnn-model"), held);
        LoggedModels models = new LoggedModels(server.server());
        models.register("digits", runId);

        TestHttp.Response deployed = models.deploy("digits", "models:/digits/1");

        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        List<String> pixels = new ArrayList<>();
        for (float pixel : held.pixels()) {
            pixels.add(Float.toString(pixel));
        }
        String body = "{\"inputs\": [{\"name\": \"image\", \"shape\": [" + ROWS + ", 1, 8, 8], \"datatype\": \"FP32\","
                + " \"data\": [" + String.join(",", pixels) + "]}]}";
        TestHttp.Response answer = server.http().post("/v2/models/digits/infer", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode outputs = answer.json().get("outputs");
        assertThat(outputs.findValuesAsText("name")).containsExactly("label", "probabilities");
        List<Long> labels = new ArrayList<>();
        outputs.get(0).get("data").forEach(label -> labels.add(label.asLong()));
        assertThat(labels).containsExactly(Arrays.stream(expected).boxed().toArray(Long[]::new));
        assertThat(outputs.get(1).get("shape").toString()).isEqualTo("[" + ROWS + ",10]");

        JsonNode nested = Json.mapper().valueToTree(nested(held));
        TestHttp.Response scored = server.http().post("/api/v1/deployments/digits/invocations",
                "{\"inputs\": {\"image\": " + nested + "}}");
        assertThat(scored.status()).as(scored.body()).isEqualTo(200);
        List<Long> predictions = new ArrayList<>();
        scored.json().get("predictions").forEach(label -> predictions.add(label.asLong()));
        assertThat(predictions).isEqualTo(labels);
    }

    /** The images as nested {@code [rows][1][height][width]} arrays, as MLflow's {@code inputs} format takes them. */
    private static float[][][][] nested(ImageSet images) {
        float[][][][] nested = new float[images.size()][1][images.height()][images.width()];
        for (int i = 0; i < images.size(); i++) {
            for (int y = 0; y < images.height(); y++) {
                for (int x = 0; x < images.width(); x++) {
                    nested[i][0][y][x] = images.pixels()[(i * images.height() + y) * images.width() + x];
                }
            }
        }
        return nested;
    }
}
