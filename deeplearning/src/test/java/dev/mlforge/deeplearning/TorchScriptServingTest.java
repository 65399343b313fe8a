package dev.mlforge.deeplearning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.sdk.testing.ClientExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript model logged as {@code mlflow.pytorch} saves it (written by Debian's python3-torch, see
 * torchscript/generate_torchscript.py) is served in the JVM and answers what PyTorch computed.
 */
class TorchScriptServingTest {
    @RegisterExtension
    final ClientExtension server = ClientExtension.sqlite();

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TorchScriptServingTest.class.getResource("/torchscript/" + name).toURI());
    }

    private static void assertClose(JsonNode actual, List<Double> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).asDouble()).as("element %d", i).isCloseTo(expected.get(i), within(1e-5));
        }
    }

    @Test
    void a_scripted_pytorch_model_answers_what_pytorch_computed_over_v2_and_invocations() throws Exception {
        System.setProperty("offline", "true");
        JsonNode expected = Json.mapper().readTree(resource("mlp_torchscript.expected.json").toFile());
        LoggedModels models = new LoggedModels(server.server());
        models.registerModel("mlp", resource("mlp_torchscript"));

        TestHttp.Response deployed = models.deploy("mlp", "models:/mlp/1");

        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        List<Double> inputs = new ArrayList<>();
        expected.get("rows").forEach(row -> row.forEach(value -> inputs.add(value.asDouble())));
        List<Double> outputs = new ArrayList<>();
        expected.get("predictions").forEach(row -> row.forEach(value -> outputs.add(value.asDouble())));
        String body = "{\"inputs\": [{\"name\": \"input\", \"shape\": [" + expected.get("rows").size() + ", 4],"
                + " \"datatype\": \"FP32\", \"data\": " + inputs + "}]}";
        TestHttp.Response answer = server.http().post("/v2/models/mlp/infer", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(server.http().get("/v2/models/mlp").json().get("platform").asText()).isEqualTo("pytorch_torchscript");
        assertClose(answer.json().get("outputs").get(0).get("data"), outputs);
        TestHttp.Response scored = server.http().post("/api/v1/deployments/mlp/invocations",
                "{\"inputs\": " + expected.get("rows") + "}");
        assertThat(scored.status()).as(scored.body()).isEqualTo(200);
        List<Double> predictions = new ArrayList<>();
        scored.json().get("predictions").forEach(row -> row.forEach(value -> predictions.add(value.asDouble())));
        assertThat(predictions).hasSize(outputs.size());
        assertClose(Json.mapper().valueToTree(predictions), outputs);
    }

    @Test
    void a_pickled_pytorch_module_is_declined_by_the_jvm_runtime_naming_the_reason() throws Exception {
        Path model = Files.createDirectories(dir.resolve("pickled/data"));
        // Only the pytorch flavor: no out-of-process python_function runtime may take what the JVM declines.
        Files.writeString(model.getParent().resolve("MLmodel"), "artifact_path: model\nflavors:\n  pytorch:\n"
                + "    model_data: data\n    pytorch_version: 1.13.0\n");
        try (OutputStream file = Files.newOutputStream(model.resolve("model.pth"));
                ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2, '.'});
            zip.closeEntry();
        }
        LoggedModels models = new LoggedModels(server.server());
        models.registerModel("pickled", model.getParent());

        TestHttp.Response refused = models.deploy("pickled", "models:/pickled/1");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("pickled torch.nn.Module")
                .doesNotContain(dir.toString());
    }
}
