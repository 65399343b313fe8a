package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Open Inference Protocol and MLflow scoring answers, and the tensors the prediction log keeps, equal committed
 * golden text byte for byte (src/test/resources/golden/serving/inference.txt): number forms, field order and the
 * echoed parameters stay what clients parse today, whatever writes them.
 */
class InferenceWireGoldenTest {
    private static final String ROWS = "5.1,3.5,1.4,0.2, 6.7,3.1,4.4,1.4, 6.3,3.3,6.0,2.5";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void metadata_infer_scoring_and_logged_tensors_equal_the_golden_text() throws Exception {
        new LoggedModels(server).registerModel("iris", TestModels.irisOnnx());
        assertThat(new LoggedModels(server).deploy("iris", "models:/iris/1").status()).isEqualTo(200);
        TestHttp http = server.http();
        StringBuilder answers = new StringBuilder();

        answer(answers, "server metadata", http.get("/v2"));
        answer(answers, "model metadata", http.get("/v2/models/iris"));
        answer(answers, "version metadata", http.get("/v2/models/iris/versions/1"));
        answer(answers, "infer", http.post("/v2/models/iris/infer", "{\"id\": \"req-1\", \"parameters\": {\"trace\": true,"
                + " \"n\": [1, 2.5]}, \"inputs\": [{\"name\": \"input\", \"shape\": [3, 4], \"datatype\": \"FP32\", \"data\": ["
                + ROWS + "]}]}"));
        answer(answers, "infer one output", http.post("/v2/models/iris/infer", "{\"id\": \"req-2\", \"inputs\": [{\"name\":"
                + " \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [[5.1, 3.5, 1.4, 0.2]]}],"
                + " \"outputs\": [{\"name\": \"probabilities\"}]}"));
        answer(answers, "unknown output", http.post("/v2/models/iris/infer", "{\"inputs\": [{\"name\": \"input\", \"shape\":"
                + " [1, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}], \"outputs\": [{\"name\": \"nope\"}]}"));
        answer(answers, "scoring", http.post("/api/v1/deployments/iris/invocations",
                "{\"instances\": [[5.1, 3.5, 1.4, 0.2], [6.3, 3.3, 6.0, 2.5]]}"));
        server.application().serving().close();
        List<String> logged = server.application().serving().recentPredictions("iris", 100).stream()
                .filter(record -> record.requestId().equals("req-1"))
                .map(record -> record.inputsJson() + " -> " + record.outputsJson()).toList();
        answers.append("== logged\n").append(String.join("\n", logged)).append('\n');

        assertThat(answers.toString()).isEqualTo(golden("inference.txt", answers.toString()));
    }

    private static void answer(StringBuilder answers, String name, TestHttp.Response response) {
        // The server's own version changes with every release; the rest of the text must not.
        String body = response.body().replaceFirst("^\\{\"name\":\"mlforge\",\"version\":\"[^\"]*\"",
                "{\"name\":\"mlforge\",\"version\":\"<version>\"");
        answers.append("== ").append(name).append(' ').append(response.status()).append('\n').append(body).append('\n');
    }

    /** The golden text; without one, writes {@code printed} as a draft under target/ for review and fails. */
    private static String golden(String name, String printed) throws Exception {
        try (InputStream in = InferenceWireGoldenTest.class.getResourceAsStream("/golden/serving/" + name)) {
            if (in == null) {
                Path draft = Files.createDirectories(Path.of("target", "golden-draft")).resolve(name);
                Files.writeString(draft, printed);
                throw new AssertionError("no golden file " + name + "; the answers are in " + draft.toAbsolutePath());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
