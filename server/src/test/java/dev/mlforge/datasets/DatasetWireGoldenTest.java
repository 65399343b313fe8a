package dev.mlforge.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.datasets.DatasetVersionResponse;
import dev.mlforge.api.datasets.ListDatasetVersionsResponse;
import dev.mlforge.api.datasets.ListDatasetsResponse;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.GoldenText;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every answer of {@code /api/v1/datasets} as the running server writes it, compared character for character with the
 * golden files under {@code src/test/resources/golden/datasets/} (field names and order, left-out nulls, number
 * formats); only the registration time is replaced by a placeholder. Each body also reads into its api-model record
 * and writes back unchanged, as the SDK reads it.
 */
class DatasetWireGoldenTest {
    /** Numeric and categorical columns, missing cells, a column with one value (no standard deviation). */
    private static final String CSV = "id,city,score,note,single\n1,Paris,3.5,,7\n2,Lyon,,x,\n3,Paris,4.25,,\n4,Nice,-1e3,y,\n";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    private final GoldenText golden = new GoldenText().field("created_at", "time").field("updated_at", "time");

    @Test
    void registering_listing_and_reading_a_version_answer_the_golden_bodies() {
        TestHttp http = server.http();
        TestHttp.Response created = register("cities");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        golden.assertMatches("datasets/register.json", created.body());
        TestHttp.Response again = register("cities");
        assertThat(again.status()).isEqualTo(201);
        golden.assertMatches("datasets/register.json", again.body());

        String datasets = http.get("/api/v1/datasets").ok().body();
        golden.assertMatches("datasets/list_datasets.json", datasets);
        String versions = http.get("/api/v1/datasets/cities/versions").ok().body();
        golden.assertMatches("datasets/list_versions.json", versions);
        String version = http.get("/api/v1/datasets/cities/versions/1").ok().body();
        golden.assertMatches("datasets/get_version.json", version);

        GoldenText.assertReadsBack(created.body(), DatasetVersionResponse.class);
        GoldenText.assertReadsBack(datasets, ListDatasetsResponse.class);
        GoldenText.assertReadsBack(versions, ListDatasetVersionsResponse.class);
        assertThat(GoldenText.assertReadsBack(version, DatasetVersionResponse.class).datasetVersion().profile()).hasSize(5);
    }

    @Test
    void an_empty_server_lists_no_datasets_and_refusals_answer_the_golden_errors() {
        TestHttp http = server.http();
        golden.assertMatches("datasets/list_datasets_empty.json", http.get("/api/v1/datasets").ok().body());
        register("cities");

        TestHttp.Response missing = http.get("/api/v1/datasets/cities/versions/9");
        assertThat(missing.status()).isEqualTo(404);
        golden.assertMatches("datasets/error_no_version.json", missing.body());
        TestHttp.Response badName = http.send("POST", "/api/v1/datasets?name=-bad", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(badName.status()).isEqualTo(400);
        golden.assertMatches("datasets/error_bad_name.json", badName.body());
    }

    private TestHttp.Response register(String name) {
        return server.http().send("POST", "/api/v1/datasets?name=" + name, "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
    }
}
