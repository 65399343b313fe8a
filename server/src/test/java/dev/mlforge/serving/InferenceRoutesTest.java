package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InferenceRoutesTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withConfig("serving.max-request-size", "4k");
    private final LoggedModels models = new LoggedModels(server);
    private TestHttp http;

    @BeforeEach
    void start() {
        http = server.http();
        models.registerModel("iris", TestModels.irisOnnx());
        models.registerModel("wine", TestModels.wineOnnx());
        assertThat(models.deploy("iris", "models:/iris/1").status()).isEqualTo(200);
    }

    private static String irisRequest(List<TestModels.Row> rows) {
        StringBuilder data = new StringBuilder();
        for (TestModels.Row row : rows) {
            for (float value : row.features()) {
                data.append(data.length() == 0 ? "" : ",").append(value);
            }
        }
        return "{\"id\": \"req-7\", \"parameters\": {\"trace\": true}, \"inputs\": [{\"name\": \"input\", \"shape\": ["
                + rows.size() + ", 4], \"datatype\": \"FP32\", \"data\": [" + data + "]}]}";
    }

    @Test
    void infer_answers_the_labels_scikit_learn_predicted_for_the_held_out_rows() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("iris_holdout.csv");

        TestHttp.Response response = http.post("/v2/models/iris/infer", irisRequest(rows));

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("model_name").asText()).isEqualTo("iris");
        assertThat(json.get("model_version").asText()).isEqualTo("1");
        assertThat(json.get("id").asText()).isEqualTo("req-7");
        assertThat(json.get("parameters").get("trace").asBoolean()).isTrue();
        JsonNode label = json.get("outputs").get(0);
        assertThat(label.get("name").asText()).isEqualTo("label");
        assertThat(label.get("datatype").asText()).isEqualTo("INT64");
        assertThat(label.get("shape").toString()).isEqualTo("[" + rows.size() + "]");
        for (int i = 0; i < rows.size(); i++) {
            assertThat(label.get("data").get(i).asLong()).as("row %d", i).isEqualTo(rows.get(i).label());
        }
        JsonNode probabilities = json.get("outputs").get(1);
        assertThat(probabilities.get("datatype").asText()).isEqualTo("FP32");
        assertThat(probabilities.get("shape").toString()).isEqualTo("[" + rows.size() + ",3]");
    }

    @Test
    void infer_answers_carry_the_security_headers_and_their_length() {
        String body = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [5.1, 3.5, 1.4, 0.2]}]}";

        TestHttp.Response response = http.post("/v2/models/iris/infer", body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.header("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(response.header("Content-Length")).hasValue(String.valueOf(response.bytes().length));
        assertThat(response.json().get("outputs").get(0).get("data").get(0).asLong()).isZero();
    }

    @Test
    void infer_accepts_nested_data_the_versions_segment_and_an_output_selection() {
        String body = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\","
                + " \"data\": [[5.1, 3.5, 1.4, 0.2]]}], \"outputs\": [{\"name\": \"label\"}]}";

        TestHttp.Response response = http.post("/v2/models/iris/versions/1/infer", body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("outputs")).hasSize(1);
        assertThat(response.json().get("outputs").get(0).get("data").get(0).asLong()).isZero();
        assertThat(response.json().get("id").asText()).isNotBlank();
    }

    @Test
    void bad_requests_get_400_with_the_error_shape_naming_the_input() {
        String wrongShape = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}]}";
        String wrongType = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"INT64\", \"data\": [1, 2, 3, 4]}]}";
        String missing = "{\"inputs\": [{\"name\": \"features\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}]}";
        String countMismatch = "{\"inputs\": [{\"name\": \"input\", \"shape\": [2, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}]}";
        String notANumber = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [1, \"x\", 3, 4]}]}";

        assertThat(errorOf(wrongShape)).contains("'input'").contains("[1, 3]");
        assertThat(errorOf(wrongType)).contains("'input'").contains("INT64").contains("FP32");
        assertThat(errorOf(missing)).contains("Missing input 'input'");
        assertThat(errorOf(countMismatch)).contains("'input'").contains("4 values");
        assertThat(errorOf(notANumber)).contains("'input'").contains("not FP32");
        assertThat(errorOf("not json")).contains("not valid JSON");
    }

    private String errorOf(String body) {
        TestHttp.Response response = http.post("/v2/models/iris/infer", body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().fieldNames()).toIterable().containsExactly("error");
        return response.json().get("error").asText();
    }

    @Test
    void a_body_over_the_configured_limit_gets_413() {
        String big = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}],"
                + " \"padding\": \"" + "x".repeat(5000) + "\"}";

        TestHttp.Response response = http.post("/v2/models/iris/infer", big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("error").asText()).contains("serving.max-request-size");
    }

    @Test
    void metadata_and_health_follow_the_open_inference_protocol() {
        assertThat(http.get("/v2/health/live").status()).isEqualTo(200);
        assertThat(http.get("/v2/health/ready").status()).isEqualTo(200);
        assertThat(http.get("/v2/models/iris/ready").status()).isEqualTo(200);
        assertThat(http.get("/v2/models/iris/versions/1/ready").status()).isEqualTo(200);
        assertThat(http.get("/v2/models/iris/versions/9/ready").status()).isEqualTo(404);
        assertThat(http.get("/v2/models/nope/ready").status()).isEqualTo(404);
        assertThat(http.get("/v2").json().get("name").asText()).isEqualTo("mlforge");

        JsonNode metadata = http.get("/v2/models/iris").json();
        assertThat(metadata.get("platform").asText()).isEqualTo("onnx_onnxv1");
        assertThat(metadata.get("versions").toString()).isEqualTo("[\"1\"]");
        assertThat(metadata.get("inputs").get(0).toString())
                .isEqualTo("{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,4]}");
        assertThat(metadata.get("outputs").get(0).get("datatype").asText()).isEqualTo("INT64");
        TestHttp.Response unknown = http.get("/v2/models/nope");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).contains("'nope'");
    }

    @Test
    void the_mlp_model_answers_the_labels_of_its_held_out_rows() throws Exception {
        assertThat(models.deploy("wine", "models:/wine/1").status()).isEqualTo(200);
        for (TestModels.Row row : TestModels.holdout("wine_holdout.csv")) {
            StringBuilder data = new StringBuilder();
            for (float value : row.features()) {
                data.append(data.length() == 0 ? "" : ",").append(value);
            }
            String body = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 13], \"datatype\": \"FP32\", \"data\": [" + data + "]}]}";
            JsonNode label = http.post("/v2/models/wine/infer", body).json().get("outputs").get(0);
            assertThat(label.get("data").get(0).asLong()).isEqualTo(row.label());
        }
    }
}
