package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The definitions, materialization watermark and online table on PostgreSQL (upserts, versions, reads by key). */
class FeatureStorePostgresTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.postgres();

    @Test
    void definitions_materialization_and_online_lookups_work_on_postgresql() throws Exception {
        FeatureStoreRoutesTest.write(server.dataDir().resolve("features/drivers.csv"), FeatureStoreRoutesTest.DRIVERS);
        TestHttp http = server.http();
        http.post("/api/v1/features/apply", FeatureStoreRoutesTest.definitions(0)).json(200);
        JsonNode again = http.post("/api/v1/features/apply", FeatureStoreRoutesTest.definitions(3600)).json(200);
        assertThat(again.path("applied").get(1).path("version").asInt()).isEqualTo(2);

        JsonNode state = http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200).path("materialization");
        assertThat(state.path("rows_written").asLong()).isEqualTo(2);
        assertThat(http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200)
                .path("materialization").path("rows_written").asLong()).isZero();
        JsonNode answer = http.post("/get-online-features", Map.of("features", List.of("driver_stats:trips"),
                "entities", Map.of("driver_id", List.of(1002, 1003)))).json(200);
        assertThat(answer.path("results").get(1).path("statuses")).extracting(JsonNode::asText)
                .containsExactly("OUTSIDE_MAX_AGE", "NOT_FOUND");
        assertThat(http.get("/api/v1/feature-views").json(200).path("feature_views").get(0).path("materialization")
                .path("materialized_until").asText()).isEqualTo("2024-01-02T00:00:00Z");
    }
}
