package dev.mlforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's JSON, through CSV files, equals the SciPy/Evidently goldens for every method. */
class DriftCommandGoldenTest {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TempDir
    Path folder;

    @Test
    void json_statistics_and_p_values_equal_the_goldens_for_every_method() throws Exception {
        assertThat(checkAll("numerical.json")).isGreaterThan(200);
    }

    @Test
    void categorical_columns_read_from_csv_equal_the_goldens() throws Exception {
        assertThat(checkAll("categorical.json")).isEqualTo(36);
    }

    private int checkAll(String file) throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/golden/drift/" + file)) {
            cases = MAPPER.readTree(in).get("cases");
        }
        int checked = 0;
        for (JsonNode node : cases) {
            Path reference = csv("ref.csv", node.get("reference"));
            Path current = csv("cur.csv", node.get("current"));
            Iterator<Map.Entry<String, JsonNode>> results = node.get("results").fields();
            while (results.hasNext()) {
                Map.Entry<String, JsonNode> expected = results.next();
                if (expected.getValue().has("error")) {
                    continue;
                }
                JsonNode column = run(reference, current, expected.getKey()).get("columns").get(0);
                String what = node.get("name").asText() + " " + expected.getKey();
                assertClose(what + " statistic", column.get("statistic"), expected.getValue().get("statistic"));
                assertClose(what + " p_value", column.get("p_value"), expected.getValue().get("p_value"));
                checked++;
            }
        }
        return checked;
    }

    private Path csv(String name, JsonNode values) throws Exception {
        StringBuilder text = new StringBuilder("x\n");
        values.forEach(value -> text.append(value.isNumber() ? String.valueOf(value.asDouble()) : value.asText())
                .append('\n'));
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static JsonNode run(Path reference, Path current, String method) throws Exception {
        CliFixture.Result result = CliFixture.runRaw("drift", "--reference", reference.toString(), "--current",
                current.toString(), "--method", method, "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return MAPPER.readTree(result.out());
    }

    private static void assertClose(String what, JsonNode actual, JsonNode expected) {
        if (expected.isNull() || !Double.isFinite(expected.asDouble())) {
            assertThat(actual.isNull()).as(what).isTrue();
            return;
        }
        double a = actual.asDouble();
        double e = expected.asDouble();
        assertThat(actual.isNumber()).as(what).isTrue();
        assertThat(Math.abs(a - e)).as(what + ": actual " + a + " expected " + e)
                .isLessThanOrEqualTo(1e-6 * Math.max(Math.abs(a), Math.abs(e)) + 1e-12);
    }
}
