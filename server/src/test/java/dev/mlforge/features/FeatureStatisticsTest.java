package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Statistics stored at materialization, and drift of a view's current values against a training set it produced. */
class FeatureStatisticsTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();

    @Test
    void materialization_stores_the_statistics_of_the_values_it_wrote() throws IOException {
        FeatureStoreRoutesTest.write(server.dataDir().resolve("features/drivers.csv"), FeatureStoreRoutesTest.DRIVERS);
        TestHttp http = server.http();
        http.post("/api/v1/features/apply", FeatureStoreRoutesTest.definitions(0)).json(200);
        assertThat(http.get("/api/v1/feature-views/driver_stats/statistics").status()).isEqualTo(404);

        http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200);

        JsonNode statistics = http.get("/api/v1/feature-views/driver_stats/statistics").json(200).path("statistics");
        assertThat(statistics.path("rows").asLong()).isEqualTo(2);
        JsonNode convRate = statistics.path("features").get(0);
        assertThat(convRate.path("name").asText()).isEqualTo("conv_rate");
        assertThat(convRate.path("count").asLong()).isEqualTo(2);
        assertThat(convRate.path("nulls").asLong()).isZero();
        assertThat(convRate.path("min").asDouble()).isEqualTo(0.625);
        assertThat(convRate.path("max").asDouble()).isEqualTo(0.75);
        assertThat(convRate.path("mean").asDouble()).isEqualTo(0.6875);
        JsonNode city = statistics.path("features").get(2);
        assertThat(city.path("distinct").asLong()).isEqualTo(2);
        assertThat(city.path("min").isNull()).isTrue();
    }

    @Test
    void drift_compares_the_current_values_with_a_training_set() throws IOException {
        StringBuilder csv = new StringBuilder("driver_id,event_timestamp,conv_rate,trips,city\n");
        List<Map<String, Object>> entityRows = new ArrayList<>();
        for (int id = 1; id <= 200; id++) {
            csv.append(id).append(",2024-01-01T00:00:00Z,").append(id / 1000.0).append(',').append(id % 7).append(",c").append(id % 3).append('\n');
            csv.append(id).append(",2024-01-02T00:00:00Z,").append(0.5 + id / 1000.0).append(',').append(id % 7).append(",c").append(id % 3).append('\n');
            entityRows.add(Map.of("driver_id", id, "event_timestamp", "2024-01-01T12:00:00Z"));
        }
        FeatureStoreRoutesTest.write(server.dataDir().resolve("features/drivers.csv"), csv.toString());
        TestHttp http = server.http();
        http.post("/api/v1/features/apply", FeatureStoreRoutesTest.definitions(0)).json(200);
        http.post("/api/v1/feature-views/training-set", Map.of("dataset_name", "reference", "features",
                List.of("driver_stats:conv_rate", "driver_stats:trips"), "entity_rows", entityRows)).json(201);

        JsonNode report = http.post("/api/v1/feature-views/driver_stats/drift",
                Map.of("reference", Map.of("dataset", "reference", "version", "1"))).json(200);

        assertThat(report.path("current_rows").asInt()).isEqualTo(200);
        assertThat(report.path("reference_rows").asInt()).isEqualTo(200);
        assertThat(report.path("columns")).extracting(column -> column.path("name").asText() + "=" + column.path("drifted").asBoolean())
                .containsExactly("conv_rate=true", "trips=false");
        assertThat(http.post("/api/v1/feature-views/driver_stats/drift", Map.of("reference", Map.of())).status()).isEqualTo(400);
    }
}
