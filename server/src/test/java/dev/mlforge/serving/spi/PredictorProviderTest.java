package dev.mlforge.serving.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.models.MlModel;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A flavor added from outside the server through {@code META-INF/services} is deployed and served over HTTP. */
class PredictorProviderTest {
    private static final String ROWS = "{\"inputs\": [{\"name\": \"x\", \"shape\": [2, 3], \"datatype\": \"FP64\","
            + " \"data\": [1, 2, 3, 0, 0, 0]}]}";

    @TempDir
    Path dir;
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);

    /** An MLflow directory with these flavors (in this order) and the weights file {@code weights.wsum}. */
    private Path mlflowModel(String name, String weights, String... flavors) throws Exception {
        Path model = Files.createDirectories(dir.resolve(name));
        Map<String, Object> flavorMap = new LinkedHashMap<>();
        for (String flavor : flavors) {
            flavorMap.put(flavor, Map.of("data", "weights.wsum"));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("artifact_path", "model");
        document.put("flavors", flavorMap);
        MlModel.of(document).writeTo(model);
        Files.writeString(model.resolve("weights.wsum"), weights);
        return model;
    }

    private JsonNode scores(String deployment) {
        TestHttp.Response response = server.http().post("/v2/models/" + deployment + "/infer", ROWS);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("outputs").get(0);
    }

    @Test
    void a_provider_registered_in_service_files_serves_its_flavor_over_v2_and_invocations() throws Exception {
        models.registerModel("sum", mlflowModel("sum", "0.5\n-1\n2\n0.25\n", "weighted_sum"));

        assertThat(models.deploy("sum", "models:/sum/1").status()).isEqualTo(200);

        assertThat(server.http().get("/v2/models/sum").json().get("platform").asText()).isEqualTo("weighted_sum");
        JsonNode score = scores("sum");
        assertThat(score.get("name").asText()).isEqualTo("score");
        assertThat(score.get("data").toString()).isEqualTo("[4.75,0.25]");
        JsonNode invocations = server.http().post("/api/v1/deployments/sum/invocations", "{\"inputs\": {\"x\": [[1, 2, 3], [0, 0, 0]]}}").json();
        assertThat(invocations.toString()).isEqualTo("{\"predictions\":[4.75,0.25]}");
    }

    @Test
    void a_native_flavor_is_chosen_over_an_out_of_process_one_listed_before_it() throws Exception {
        models.registerModel("both", mlflowModel("both", "1\n1\n1\n0\n", "remote_sum", "weighted_sum"));

        TestHttp.Response deployed = models.deploy("both", "models:/both/1");

        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        assertThat(scores("both").get("data").toString()).isEqualTo("[6.0,0.0]");
    }

    @Test
    void a_single_model_file_is_served_by_the_provider_of_its_suffix() throws Exception {
        Path file = dir.resolve("linear.wsum");
        Files.writeString(file, "0\n0\n1\n-1\n");
        models.registerModel("file", file);

        assertThat(models.deploy("file", "models:/file/1").status()).isEqualTo(200);

        assertThat(scores("file").get("data").toString()).isEqualTo("[2.0,-1.0]");
    }

    @Test
    void an_unknown_flavor_is_refused_naming_the_model_flavors_and_the_served_ones() throws Exception {
        models.registerModel("h2o", mlflowModel("h2o", "1\n0\n", "h2o_mojo"));

        TestHttp.Response refused = models.deploy("h2o", "models:/h2o/1");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(refused.json().get("message").asText()).contains("has flavors [h2o_mojo]")
                .contains("onnx").contains("tribuo").contains("weighted_sum").contains("PredictorProvider");
        assertThat(server.http().get("/v2/models/h2o/ready").status()).isEqualTo(404);
    }

    @Test
    void a_model_file_that_fails_to_load_is_refused_and_the_previous_version_keeps_serving() throws Exception {
        models.registerModel("sum", mlflowModel("good", "0.5\n-1\n2\n0.25\n", "weighted_sum"));
        models.registerModel("sum", mlflowModel("broken", "0.5\nnot-a-weight\n", "weighted_sum"));
        models.deploy("sum", "models:/sum/1");

        TestHttp.Response refused = server.http().patch("/api/v1/deployments/sum", "{\"model_uri\": \"models:/sum/2\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(refused.json().get("message").asText()).contains("weights.wsum").contains("not-a-weight")
                .doesNotContain(dir.toString()).doesNotContain(server.dataDir().toString());
        assertThat(scores("sum").get("data").toString()).isEqualTo("[4.75,0.25]");
        assertThat(server.http().get("/api/v1/deployments/sum").json().get("deployment").get("versions")
                .get("primary").asText()).isEqualTo("1");
    }
}
