package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The V2 binary tensor data extension over HTTP, as KServe and Triton define it: the JSON part's length in
 * {@code Inference-Header-Content-Length}, each input's raw little-endian elements after it in input order, sized by
 * {@code parameters.binary_data_size}. Answers are those of the same rows sent as JSON; shape, datatype and size
 * mismatches answer 400 naming the input.
 */
class V2BinaryDataTest {
    private static final String INFER = "/v2/models/iris/infer";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);
    private TestHttp http;

    @BeforeEach
    void start() {
        http = server.http();
        models.registerModel("iris", TestModels.irisOnnx());
        assertThat(models.deploy("iris", "models:/iris/1").status()).isEqualTo(200);
    }

    private static byte[] floats(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    /** The JSON part followed by {@code binary}, and its length for the header. */
    private TestHttp.Response send(String contentType, String json, byte[] binary, String jsonLength) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] head = json.getBytes(StandardCharsets.UTF_8);
        body.writeBytes(head);
        body.writeBytes(binary);
        return http.send("POST", INFER, contentType, body.toByteArray(), "Inference-Header-Content-Length",
                jsonLength == null ? String.valueOf(head.length) : jsonLength);
    }

    private static String header(String shape, String datatype, int size) {
        return "{\"id\": \"b-1\", \"inputs\": [{\"name\": \"input\", \"shape\": " + shape + ", \"datatype\": \"" + datatype
                + "\", \"parameters\": {\"binary_data_size\": " + size + "}}]}";
    }

    @Test
    void raw_rows_are_answered_as_the_same_rows_sent_as_json() throws Exception {
        List<TestModels.Row> rows = TestModels.holdout("iris_holdout.csv");
        float[] values = new float[rows.size() * 4];
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).features(), 0, values, i * 4, 4);
        }
        for (float value : values) {
            data.append(data.length() == 0 ? "" : ",").append(value);
        }
        String shape = "[" + rows.size() + ", 4]";

        for (String contentType : new String[]{"application/octet-stream", "application/json"}) {
            TestHttp.Response binary = send(contentType, header(shape, "FP32", values.length * 4), floats(values), null);
            assertThat(binary.status()).as(binary.body()).isEqualTo(200);
            JsonNode answer = binary.json();
            assertThat(answer.get("id").asText()).isEqualTo("b-1");
            JsonNode labels = answer.get("outputs").get(0);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(labels.get("data").get(i).asLong()).as("row %d", i).isEqualTo(rows.get(i).label());
            }
            JsonNode json = http.post(INFER, "{\"id\": \"b-1\", \"inputs\": [{\"name\": \"input\", \"shape\": " + shape
                    + ", \"datatype\": \"FP32\", \"data\": [" + data + "]}]}").json();
            assertThat(answer.get("outputs")).isEqualTo(json.get("outputs"));
        }
    }

    @Test
    void a_wrong_shape_datatype_or_size_is_refused_with_400_naming_the_input() {
        byte[] row = floats(new float[]{6.2f, 2.8f, 4.8f, 1.8f});

        assertThat(errorOf(send("application/octet-stream", header("[1, 3]", "FP32", 12), java.util.Arrays.copyOf(row, 12), null)))
                .contains("'input'").contains("[1, 3]");
        assertThat(errorOf(send("application/octet-stream", header("[1, 4]", "FP64", 32), java.util.Arrays.copyOf(row, 32), null)))
                .contains("'input'").contains("FP64").contains("FP32");
        assertThat(errorOf(send("application/octet-stream", header("[1, 4]", "FP32", 12), java.util.Arrays.copyOf(row, 12), null)))
                .contains("'input'").contains("12 raw bytes").contains("16");
        assertThat(errorOf(send("application/octet-stream", header("[1, 4]", "FP32", 32), row, null)))
                .contains("'input'").contains("binary_data_size 32").contains("16 bytes");
        assertThat(errorOf(send("application/octet-stream", header("[1, 4]", "FP32", 16), java.util.Arrays.copyOf(row, 20), null)))
                .contains("4 bytes of binary data after");
        assertThat(errorOf(send("application/octet-stream", header("[1, 4]", "FP32", -1), row, null)))
                .contains("'input'").contains("invalid binary_data_size");
        assertThat(errorOf(send("application/octet-stream", header("[1, 4]", "FP32", 16), row, "999")))
                .contains("Inference-Header-Content-Length").contains("999");
        assertThat(errorOf(send("application/octet-stream", header("[1, 4]", "FP32", 16), row, "abc")))
                .contains("Inference-Header-Content-Length");
        assertThat(errorOf(send("application/octet-stream", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], "
                + "\"datatype\": \"FP32\", \"data\": [1, 2, 3, 4], \"parameters\": {\"binary_data_size\": 16}}]}", row, null)))
                .contains("'input'").contains("both 'data' and binary_data_size");
        assertThat(errorOf(send("application/octet-stream", "{\"inputs\": [", row, null))).contains("not valid JSON");
    }

    @Test
    void binary_data_size_without_the_length_header_is_refused() {
        TestHttp.Response response = http.send("POST", INFER, "application/json", header("[1, 4]", "FP32", 16));
        assertThat(errorOf(response)).contains("'input'").contains("no Inference-Header-Content-Length");
    }

    @Test
    void outputs_asked_as_binary_data_follow_the_json_part_whose_length_the_header_gives() throws Exception {
        String request = "{\"id\": \"o-1\", \"inputs\": [{\"name\": \"input\", \"shape\": [2, 4], \"datatype\": \"FP32\","
                + " \"data\": [5.1, 3.5, 1.4, 0.2, 6.3, 3.3, 6.0, 2.5]}]";
        JsonNode plain = http.post(INFER, request + "}").json(200);

        TestHttp.Response response = http.post(INFER, request + ", \"outputs\": [{\"name\": \"label\"},"
                + " {\"name\": \"probabilities\", \"parameters\": {\"binary_data\": true}}]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/octet-stream");
        int jsonLength = Integer.parseInt(response.header("Inference-Header-Content-Length").orElseThrow());
        JsonNode json = dev.mlforge.http.Json.mapper().readTree(new String(response.bytes(), 0, jsonLength, StandardCharsets.UTF_8));
        assertThat(json.get("id").asText()).isEqualTo("o-1");
        assertThat(json.get("outputs").get(0)).isEqualTo(plain.get("outputs").get(0));
        JsonNode probabilities = json.get("outputs").get(1);
        assertThat(probabilities.has("data")).isFalse();
        assertThat(probabilities.get("shape")).isEqualTo(plain.get("outputs").get(1).get("shape"));
        assertThat(probabilities.get("parameters").get("binary_data_size").asInt()).isEqualTo(6 * 4);
        assertThat(response.bytes().length).isEqualTo(jsonLength + 6 * 4);
        ByteBuffer raw = ByteBuffer.wrap(response.bytes(), jsonLength, 6 * 4).slice().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            assertThat(raw.getFloat()).as("value %d", i).isEqualTo(plain.get("outputs").get(1).get("data").get(i).floatValue());
        }
    }

    @Test
    void binary_data_output_makes_every_output_binary_unless_an_output_says_otherwise() throws Exception {
        String request = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\","
                + " \"data\": [6.3, 3.3, 6.0, 2.5]}], \"parameters\": {\"binary_data_output\": true}";

        TestHttp.Response all = http.post(INFER, request + "}");
        int jsonLength = Integer.parseInt(all.header("Inference-Header-Content-Length").orElseThrow());
        JsonNode json = dev.mlforge.http.Json.mapper().readTree(new String(all.bytes(), 0, jsonLength, StandardCharsets.UTF_8));
        assertThat(json.get("outputs").get(0).get("parameters").get("binary_data_size").asInt()).isEqualTo(8);
        assertThat(json.get("outputs").get(1).get("parameters").get("binary_data_size").asInt()).isEqualTo(12);
        ByteBuffer raw = ByteBuffer.wrap(all.bytes(), jsonLength, 20).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(raw.getLong()).isEqualTo(2L);

        TestHttp.Response labelAsJson = http.post(INFER, request + ", \"outputs\": [{\"name\": \"label\","
                + " \"parameters\": {\"binary_data\": false}}]}");
        assertThat(labelAsJson.header("Inference-Header-Content-Length")).isEmpty();
        assertThat(labelAsJson.json().get("outputs").get(0).get("data").get(0).asLong()).isEqualTo(2L);

        assertThat(errorOf(http.post(INFER, request.replace("true", "\"yes\"") + "}"))).contains("binary_data_output");
    }

    private static String errorOf(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().fieldNames()).toIterable().containsExactly("error");
        return response.json().get("error").asText();
    }
}
