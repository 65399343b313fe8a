package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MLflow's scoring protocol on an MLflow model directory (MLmodel, onnx flavor, column signature). */
class ScoringRoutesTest {
    private static final String INVOCATIONS = "/api/v1/deployments/iris/invocations";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    private final LoggedModels models = new LoggedModels(server);
    private TestHttp http;
    private List<TestModels.Row> rows;

    @BeforeEach
    void start() throws Exception {
        http = server.http();
        rows = TestModels.holdout("iris_holdout.csv").subList(0, 5);
        String runId = models.logModel(TestModels.irisMlflow(), "model", Map.of(), Map.of(), List.of());
        assertThat(models.deploy("iris", "runs:/" + runId + "/model").status()).isEqualTo(200);
    }

    private String matrix() {
        StringBuilder out = new StringBuilder("[");
        for (TestModels.Row row : rows) {
            out.append(out.length() == 1 ? "[" : ",[");
            for (int i = 0; i < 4; i++) {
                out.append(i == 0 ? "" : ",").append(row.features()[i]);
            }
            out.append("]");
        }
        return out.append("]").toString();
    }

    private void assertLabels(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode predictions = response.json().get("predictions");
        assertThat(predictions).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(predictions.get(i).get("label").asLong()).isEqualTo(rows.get(i).label());
            assertThat(predictions.get(i).get("probabilities")).hasSize(3);
        }
    }

    @Test
    void dataframe_split_is_matched_to_the_signature_columns_in_any_order() {
        String columns = "[\"petal_width\", \"sepal_length\", \"sepal_width\", \"petal_length\"]";
        StringBuilder data = new StringBuilder("[");
        for (TestModels.Row row : rows) {
            float[] f = row.features();
            data.append(data.length() == 1 ? "" : ",").append("[" + f[3] + "," + f[0] + "," + f[1] + "," + f[2] + "]");
        }
        data.append("]");
        assertLabels(http.post(INVOCATIONS, "{\"dataframe_split\": {\"columns\": " + columns + ", \"data\": " + data + "}}"));
    }

    @Test
    void dataframe_records_instances_inputs_and_csv_give_the_same_predictions() {
        StringBuilder records = new StringBuilder("[");
        StringBuilder csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width\n");
        for (TestModels.Row row : rows) {
            float[] f = row.features();
            records.append(records.length() == 1 ? "" : ",").append("{\"sepal_length\": " + f[0] + ", \"sepal_width\": "
                    + f[1] + ", \"petal_length\": " + f[2] + ", \"petal_width\": " + f[3] + "}");
            csv.append(f[0] + "," + f[1] + "," + f[2] + "," + f[3] + "\n");
        }
        records.append("]");
        assertLabels(http.post(INVOCATIONS, "{\"dataframe_records\": " + records + "}"));
        assertLabels(http.post(INVOCATIONS, "{\"instances\": " + matrix() + "}"));
        assertLabels(http.post(INVOCATIONS, "{\"inputs\": " + matrix() + "}"));
        assertLabels(http.send("POST", INVOCATIONS, "text/csv", csv.toString()));
    }

    @Test
    void a_missing_value_in_a_required_column_is_refused_naming_the_input() {
        String body = "{\"dataframe_records\": [{\"sepal_length\": 5.1, \"sepal_width\": null, \"petal_length\": 1.4,"
                + " \"petal_width\": 0.2}]}";

        TestHttp.Response response = http.post(INVOCATIONS, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(response.json().get("message").asText()).contains("'input'").contains("NaN");
    }

    @Test
    void malformed_scoring_bodies_get_400_with_the_reason() {
        TestHttp.Response twoKeys = http.post(INVOCATIONS, "{\"instances\": [[1,2,3,4]], \"inputs\": [[1,2,3,4]]}");
        TestHttp.Response missingColumn = http.post(INVOCATIONS,
                "{\"dataframe_split\": {\"columns\": [\"sepal_length\"], \"data\": [[5.1]]}}");
        TestHttp.Response xml = http.send("POST", INVOCATIONS, "application/xml", "<a/>");

        assertThat(twoKeys.status()).isEqualTo(400);
        assertThat(twoKeys.json().get("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(twoKeys.json().get("message").asText()).contains("exactly one");
        assertThat(missingColumn.status()).isEqualTo(400);
        assertThat(missingColumn.json().get("message").asText()).contains("Model is missing inputs ['sepal_width', 'petal_length', 'petal_width']");
        assertThat(xml.status()).isEqualTo(400);
    }

    @Test
    void the_v2_metadata_of_an_mlflow_model_comes_from_its_graph_and_signature() {
        JsonNode metadata = http.get("/v2/models/iris").json();

        assertThat(metadata.get("inputs").get(0).get("datatype").asText()).isEqualTo("FP32");
        assertThat(metadata.get("outputs").findValuesAsText("name")).containsExactly("label", "probabilities");
    }
}
