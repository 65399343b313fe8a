package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The prediction log read back over HTTP: pages, filters, feedback, CSV and Parquet exports, shadow comparison. */
class PredictionReadBackTest {
    private static final String BASE = "/api/v1/deployments/fraud";
    private static final float[][] ROWS = {{6.2f, 2.8f, 4.8f, 1.8f}, {5.1f, 3.4f, 1.5f, 0.2f}, {5.9f, 3.0f, 5.1f, 1.8f}};

    @RegisterExtension
    final ApplicationExtension server = extension();
    private final LoggedModels models = new LoggedModels(server);
    private TestHttp http;

    ApplicationExtension extension() {
        return ApplicationExtension.sqlite();
    }

    @BeforeEach
    void deploy_with_a_shadow_and_answer_three_requests() {
        http = server.http();
        models.registerModel("iris", TestModels.irisOnnx());
        models.registerModel("iris", TestModels.irisMlflow());
        http.post("/api/v1/deployments", "{\"name\": \"fraud\", \"model_uri\": \"models:/iris/1\","
                + " \"shadow\": {\"model_uri\": \"models:/iris/2\"}}").ok();
        for (int i = 0; i < ROWS.length; i++) {
            infer("fraud", "r" + (i + 1), ROWS[i]);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.get(BASE + "/predictions?shadow=true").json(200).get("predictions")).hasSize(3));
    }

    private void infer(String deployment, String requestId, float[] row) {
        String body = "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": "
                + Arrays.toString(row) + "}]}";
        TestHttp.Response response = http.send("POST", "/v2/models/" + deployment + "/infer", "application/json", body,
                "X-Request-ID", requestId);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @Test
    void primary_answers_are_read_back_newest_first_with_their_inputs_outputs_and_feedback() {
        http.post(BASE + "/feedback", "{\"request_id\": \"r2\", \"label\": 0}").ok();

        JsonNode page = http.get(BASE + "/predictions?shadow=false").json(200);

        JsonNode predictions = page.get("predictions");
        assertThat(predictions).extracting(entry -> entry.get("request_id").asText()).containsExactly("r3", "r2", "r1");
        assertThat(page.has("next_page_token")).isFalse();
        JsonNode r2 = predictions.get(1);
        assertThat(r2.get("model_version").asText()).isEqualTo("1");
        assertThat(r2.get("shadow").asBoolean()).isFalse();
        assertThat(r2.get("label").asInt()).isZero();
        assertThat(r2.get("feedback_timestamp").asLong()).isGreaterThanOrEqualTo(r2.get("timestamp").asLong());
        assertThat(r2.get("inputs").get(0).get("shape")).extracting(JsonNode::asInt).containsExactly(1, 4);
        assertThat(r2.get("inputs").get(0).get("data").get(2).floatValue()).isEqualTo(1.5f);
        assertThat(r2.get("outputs")).isNotEmpty();
        assertThat(predictions.get(0).has("label")).isFalse();
        assertThat(predictions.get(0).has("feedback_timestamp")).isFalse();
    }

    @Test
    void pages_follow_their_tokens_and_filters_narrow_by_version_shadow_and_time() {
        JsonNode first = http.get(BASE + "/predictions?max_results=4").json(200);
        assertThat(first.get("predictions")).hasSize(4);
        JsonNode second = http.get(BASE + "/predictions?max_results=4&page_token=" + first.get("next_page_token").asText()).json(200);
        assertThat(second.get("predictions")).hasSize(2);
        assertThat(second.has("next_page_token")).isFalse();
        List<String> seen = new ArrayList<>();
        first.get("predictions").forEach(entry -> seen.add(entry.get("request_id").asText() + "/" + entry.get("shadow").asBoolean()));
        second.get("predictions").forEach(entry -> seen.add(entry.get("request_id").asText() + "/" + entry.get("shadow").asBoolean()));
        assertThat(seen).doesNotHaveDuplicates().hasSize(6);

        assertThat(http.get(BASE + "/predictions?version=2").json(200).get("predictions"))
                .hasSize(3).allSatisfy(entry -> assertThat(entry.get("shadow").asBoolean()).isTrue());
        long newest = first.get("predictions").get(0).get("timestamp").asLong();
        assertThat(http.get(BASE + "/predictions?start_time=" + (newest + 1)).json(200).get("predictions")).isEmpty();
        assertThat(http.get(BASE + "/predictions?end_time=" + java.time.Instant.ofEpochMilli(newest + 1))
                .json(200).get("predictions")).hasSize(6);
    }

    @Test
    void bad_parameters_and_unknown_deployments_are_refused_with_the_parameter_named() {
        assertThat(http.get("/api/v1/deployments/nope/predictions").json(404).get("error_code").asText())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(http.get(BASE + "/predictions?page_token=bm90LWpzb24").json(400).get("message").asText()).contains("page token");
        assertThat(http.get(BASE + "/predictions?format=xlsx").json(400).get("message").asText()).contains("'format'");
        assertThat(http.get(BASE + "/predictions?max_results=0").json(400).get("message").asText()).contains("'max_results'");
        assertThat(http.get(BASE + "/predictions?shadow=maybe").json(400).get("message").asText()).contains("'shadow'");
        assertThat(http.get(BASE + "/predictions?start_time=yesterday").json(400).get("message").asText()).contains("'start_time'");
        assertThat(http.get(BASE + "/shadow-comparison?tolerance=-1").json(400).get("message").asText()).contains("'tolerance'");
        assertThat(http.get("/api/v1/deployments/nope/shadow-comparison").status()).isEqualTo(404);
    }

    @Test
    void the_csv_export_has_a_header_and_one_quoted_row_per_prediction() {
        http.post(BASE + "/feedback", "{\"request_id\": \"r1\", \"label\": \"setosa, really\"}").ok();

        TestHttp.Response csv = http.get(BASE + "/predictions?format=csv&shadow=false");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type").orElseThrow()).startsWith("text/csv");
        List<List<String>> rows = Csv.parse(csv.body());
        assertThat(rows.get(0)).containsExactlyElementsOf(PredictionExport.COLUMNS);
        assertThat(rows).hasSize(4);
        List<String> r1 = rows.get(3);
        assertThat(r1.get(0)).isEqualTo("r1");
        assertThat(java.time.Instant.parse(r1.get(1))).isNotNull();
        assertThat(r1.get(2)).isEqualTo("1");
        assertThat(r1.get(3)).isEqualTo("false");
        assertThat(r1.get(5)).startsWith("[{\"name\":\"input\"");
        assertThat(r1.get(7)).isEqualTo("\"setosa, really\"");
        assertThat(rows.get(1).get(7)).isEmpty();
    }

    @Test
    void the_parquet_export_has_the_columns_rows_and_values_of_the_log() throws Exception {
        http.post(BASE + "/feedback", "{\"request_id\": \"r3\", \"label\": 2}").ok();

        TestHttp.Response parquet = http.get(BASE + "/predictions?format=parquet&max_results=4");

        assertThat(parquet.header("X-Next-Page-Token")).isPresent();
        byte[] file = parquet.bytes();
        assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(new String(file, file.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        FileMetaData footer = Util.readFileMetaData(new java.io.ByteArrayInputStream(file, file.length - 8 - footerLength, footerLength));
        assertThat(footer.getNum_rows()).isEqualTo(4);
        assertThat(footer.getSchema()).extracting(SchemaElement::getName).containsExactly("schema", "request_id",
                "timestamp", "model_version", "shadow", "latency_ms", "inputs", "outputs", "label", "feedback_timestamp");
        List<ColumnChunk> columns = footer.getRow_groups().get(0).getColumns();
        List<String> requestIds = strings(file, columns.get(0), 4);
        assertThat(requestIds).hasSize(4).contains("r3");
        // The label column is optional (RLE definition levels): present on r3's rows (primary and shadow) only.
        assertThat(strings(file, columns.get(7), 4)).hasSize((int) requestIds.stream().filter("r3"::equals).count())
                .allMatch("2"::equals);
    }

    /** The PLAIN strings of a column's one data page (after its definition levels, when optional). */
    private static List<String> strings(byte[] file, ColumnChunk chunk, int rows) throws Exception {
        int offset = (int) chunk.getMeta_data().getData_page_offset();
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(file, offset, file.length - offset);
        PageHeader header = Util.readPageHeader(in);
        ByteBuffer page = ByteBuffer.wrap(file, file.length - in.available(), header.getUncompressed_page_size()).order(ByteOrder.LITTLE_ENDIAN);
        int present = rows;
        if (chunk.getMeta_data().getPath_in_schema().get(0).equals("label")) {
            int levelsLength = page.getInt();
            present = 0;
            int end = page.position() + levelsLength;
            while (page.position() < end) {
                int run = (page.get() & 0xFF) >>> 1;
                present += page.get() == 1 ? run : 0;
            }
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < present; i++) {
            byte[] bytes = new byte[page.getInt()];
            page.get(bytes);
            values.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void the_shadow_comparison_counts_the_requests_both_answered_and_their_disagreement_rate() {
        JsonNode comparison = http.get(BASE + "/shadow-comparison").json(200);

        assertThat(comparison.get("deployment").asText()).isEqualTo("fraud");
        assertThat(comparison.get("compared_requests").asLong()).isEqualTo(3);
        assertThat(comparison.get("compared_rows").asLong()).isEqualTo(3);
        // The shadow is the same logistic regression logged as an MLflow directory: every label agrees.
        assertThat(comparison.get("disagreeing_rows").asLong()).isZero();
        assertThat(comparison.get("disagreement_rate").asDouble()).isZero();
        assertThat(comparison.get("primary_without_shadow").asLong()).isZero();
        assertThat(comparison.get("versions").get(0).get("primary_version").asText()).isEqualTo("1");
        assertThat(comparison.get("versions").get(0).get("shadow_version").asText()).isEqualTo("2");
        assertThat(comparison.get("disagreements")).isEmpty();
        long newest = http.get(BASE + "/predictions?max_results=1").json(200).get("predictions").get(0).get("timestamp").asLong();
        JsonNode later = http.get(BASE + "/shadow-comparison?start_time=" + (newest + 1)).json(200);
        assertThat(later.get("compared_requests").asLong()).isZero();
        assertThat(later.has("disagreement_rate")).isFalse();
    }

    @Test
    void primary_answers_whose_shadow_failed_are_counted_as_without_shadow() {
        models.registerModel("wine", TestModels.wineOnnx());
        // The wine model takes 13 features: every mirrored iris row fails in the shadow.
        http.patch(BASE, "{\"shadow\": {\"model_uri\": \"models:/wine/1\"}}").ok();
        infer("fraud", "r4", ROWS[0]);
        infer("fraud", "r5", ROWS[1]);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(http.get(BASE + "/shadow-comparison").json(200).get("primary_without_shadow").asLong()).isEqualTo(2));
        assertThat(http.get(BASE + "/shadow-comparison").json(200).get("compared_requests").asLong()).isEqualTo(3);
    }
}
