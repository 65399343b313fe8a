package dev.mlforge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.http.Json;
import dev.mlforge.monitoring.testing.MonitoringServer;
import dev.mlforge.monitoring.testing.SyntheticData;
import dev.mlforge.store.Dialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL V4 migration and the monitoring SQL (generated keys, upserts, nullable columns) on a real PostgreSQL. */
class MonitoringOnPostgresTest {
    static EmbeddedPostgres postgres;

    @TempDir
    Path dir;
    MonitoringServer server;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void start() throws Exception {
        String database = "monitoring_" + Long.toHexString(System.nanoTime());
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        server = new MonitoringServer(dir, postgres.getJdbcUrl("postgres", database));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void monitors_results_alerts_streaks_and_deliveries_round_trip() throws Exception {
        assertThat(server.database.dialect()).isEqualTo(Dialect.POSTGRESQL);
        server.writeArtifact("datasets/ref/v2.csv", SyntheticData.referenceCsv(200, 31));
        json(server.post("/api/v1/alert-rules", """
                {"metric": "drift_share", "comparator": ">", "threshold": 0.5, "for_windows": 2}"""));
        String monitor = json(server.post("/api/v1/monitors", """
                {"deployment": "pg", "reference": {"dataset": "ref", "dataset_version": 2}, "window": {"last_n": 100},
                 "column_overrides": {"y": {"threshold": 0.01}}}""")).get("monitor").get("id").asText();
        SyntheticData.addPredictions(server.predictions, "pg", "1", 100, 3.0, 32);

        json(server.post("/api/v1/monitors/" + monitor + "/run", ""));
        assertThat(json(server.get("/api/v1/alerts")).get("alerts")).isEmpty();
        long second = json(server.post("/api/v1/monitors/" + monitor + "/run", "")).get("result").get("id").asLong();

        JsonNode results = json(server.get("/api/v1/monitors/" + monitor + "/results?max_results=1")).get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("id").asLong()).isEqualTo(second);
        assertThat(json(server.get("/api/v1/monitors/" + monitor)).get("monitor").get("column_overrides").get("y")
                .get("threshold").asDouble()).isEqualTo(0.01);
        JsonNode alerts = json(server.get("/api/v1/alerts")).get("alerts");
        assertThat(alerts).hasSize(1);
        String alert = alerts.get(0).get("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                json(server.get("/api/v1/alerts/" + alert + "/deliveries")).get("deliveries").size() == 1);
        assertThat(json(server.get("/api/v1/alerts/" + alert + "/deliveries")).get("deliveries").get(0).has("status_code"))
                .isFalse();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }
}
