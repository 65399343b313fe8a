package dev.mlforge.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.serving.ListPredictionsResponse;
import dev.mlforge.api.serving.ShadowComparisonResponse;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prediction log's read-back records against committed golden files (src/test/resources/golden/serving/):
 * built from stored rows as the server builds them, serialized through the one mapper, compared in order, then read
 * back and written again unchanged.
 */
class PredictionLogWireGoldenTest {
    private static final Instant ANSWERED = Instant.ofEpochMilli(1764720000000L);
    private static final String IRIS_ROW = "[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[6.2,2.8,4.8,1.8]}]";
    private static final String LABEL_2 = "[{\"name\":\"label\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[2]},"
            + "{\"name\":\"probabilities\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[0.01,0.24,0.75]}]";
    private static final String SCORES_1 = "[{\"name\":\"probabilities\",\"shape\":[2,3],\"datatype\":\"FP32\","
            + "\"data\":[0.1,0.7,0.2,0.6,0.3,0.1]}]";
    private static final String SCORES_2 = "[{\"name\":\"probabilities\",\"shape\":[2,3],\"datatype\":\"FP32\","
            + "\"data\":[0.1,0.2,0.7,0.6,0.3,0.1]}]";

    @Test
    void a_page_of_logged_predictions_with_and_without_feedback_matches_its_golden_file() throws IOException {
        StoredPrediction labelled = new StoredPrediction(7, new PredictionRecord("3f1c2a9e-7b1d-4c55-9a0e-1d2b3c4d5e6f",
                "fraud", "3", IRIS_ROW, LABEL_2, 1.25, ANSWERED, false, "2"), ANSWERED.plusSeconds(60));
        StoredPrediction shadow = new StoredPrediction(8, new PredictionRecord("3f1c2a9e-7b1d-4c55-9a0e-1d2b3c4d5e6f",
                "fraud", "4", IRIS_ROW, LABEL_2, 0.5, ANSWERED, true, null), null);
        ListPredictionsResponse page = new ListPredictionsResponse(List.of(PredictionExport.entry(shadow),
                PredictionExport.entry(labelled)), PredictionPage.encode(new PredictionPage.Key(ANSWERED.toEpochMilli(), 7)));

        assertGolden("list_predictions_response.json", page, ListPredictionsResponse.class);
        assertGolden("list_predictions_response_empty.json", new ListPredictionsResponse(List.of(), null),
                ListPredictionsResponse.class);
    }

    @Test
    void a_shadow_comparison_with_a_disagreement_matches_its_golden_file() throws IOException {
        List<ShadowPair> pairs = List.of(
                new ShadowPair("r2", ANSWERED.plusSeconds(1), "3", "4", SCORES_1, SCORES_2),
                new ShadowPair("r1", ANSWERED, "3", "4", LABEL_2, LABEL_2));

        ShadowComparisonResponse comparison = ShadowComparison.compare("fraud", ANSWERED, ANSWERED.plusSeconds(3600), pairs,
                1, 0, 20);

        assertGolden("shadow_comparison_response.json", comparison, ShadowComparisonResponse.class);
        assertGolden("shadow_comparison_response_empty.json",
                ShadowComparison.compare("fraud", null, null, List.of(), 0, 0.5, 20), ShadowComparisonResponse.class);
    }

    private static <T> void assertGolden(String golden, T value, Class<T> type) throws IOException {
        String actual = pretty(Json.mapper().valueToTree(value));
        Path recorded = Path.of("src/test/resources/golden/serving", golden);
        if (!Files.exists(recorded) && "1".equals(System.getenv("MLFORGE_RECORD_GOLDEN"))) {
            Files.writeString(recorded, actual + "\n");
        }
        String expected = pretty(Json.mapper().readTree(golden(golden)));
        assertThat(actual).as("serialized %s against golden/serving/%s", type.getSimpleName(), golden).isEqualTo(expected);
        assertThat(pretty(Json.mapper().valueToTree(Json.mapper().readValue(expected, type))))
                .as("golden/serving/%s read back and written again", golden).isEqualTo(expected);
    }

    private static String pretty(JsonNode node) throws IOException {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = PredictionLogWireGoldenTest.class.getResourceAsStream("/golden/serving/" + name)) {
            if (in == null) {
                throw new AssertionError("No golden file golden/serving/" + name);
            }
            return in.readAllBytes();
        }
    }
}
