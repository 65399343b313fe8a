package dev.mlforge.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.GoldenText;
import dev.mlforge.testing.RedisTestServer;
import dev.mlforge.testing.TestHttp;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** End to end with {@code features.online-store=redis}: the same answers as the embedded store's (same golden file). */
class RedisOnlineFeaturesTest {
    private static RedisTestServer redis;

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite()
            .withConfig("features.online-store", "redis")
            .withConfig("features.redis-url", dataDir -> redis.url());

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisTestServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void materialized_features_are_served_from_redis_as_from_the_embedded_store() throws Exception {
        Files.createDirectories(server.dataDir().resolve("features"));
        Files.writeString(server.dataDir().resolve("features/drivers.csv"), FeatureStoreRoutesTest.DRIVERS);
        TestHttp http = server.http();
        http.post("/api/v1/features/apply", FeatureStoreRoutesTest.definitions(0)).json(200);
        JsonNode state = http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200).path("materialization");
        assertThat(state.path("rows_written").asLong()).isEqualTo(2);

        TestHttp.Response answer = http.post("/get-online-features", Map.of(
                "features", List.of("driver_stats:conv_rate", "driver_stats:trips", "driver_stats:city"),
                "entities", Map.of("driver_id", List.of(1001, 1002, 1003))));
        // the golden file FeatureStoreRoutesTest checks the embedded store against
        new GoldenText().assertMatches("features/get_online_features.json", answer.body());

        // TTL: a new version of the view with a one-day TTL starts over; values from 2024 are outside max age
        http.post("/api/v1/features/apply", FeatureStoreRoutesTest.definitions(86_400)).json(200);
        http.post("/api/v1/feature-views/driver_stats/materialize", Map.of()).json(200);
        JsonNode stale = http.post("/get-online-features", Map.of("features", List.of("driver_stats:trips"),
                "entities", Map.of("driver_id", List.of(1001, 1003)))).json(200);
        assertThat(stale.path("results").get(1).path("statuses")).extracting(JsonNode::asText)
                .containsExactly("OUTSIDE_MAX_AGE", "NOT_FOUND");
    }
}
