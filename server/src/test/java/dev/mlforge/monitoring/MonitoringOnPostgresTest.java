package dev.mlforge.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.monitoring.testing.LoggedPredictions;
import dev.mlforge.monitoring.testing.References;
import dev.mlforge.monitoring.testing.SyntheticData;
import dev.mlforge.store.Dialect;
import dev.mlforge.testing.ApplicationExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL V4 migration and the monitoring SQL (generated keys, upserts, nullable columns) on a real PostgreSQL. */
class MonitoringOnPostgresTest {
    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.postgres();
    final LoggedPredictions predictions = new LoggedPredictions(server);

    @Test
    void monitors_results_alerts_streaks_and_deliveries_round_trip() throws Exception {
        assertThat(server.application().database().dialect()).isEqualTo(Dialect.POSTGRESQL);
        References.registerDataset(server, "ref", SyntheticData.referenceCsv(100, 30));
        References.registerDataset(server, "ref", SyntheticData.referenceCsv(200, 31));
        server.http().post("/api/v1/alert-rules", """
                {"metric": "drift_share", "comparator": ">", "threshold": 0.5, "for_windows": 2}""").json(200);
        String monitor = server.http().post("/api/v1/monitors", """
                {"deployment": "pg", "reference": {"dataset": "ref", "dataset_version": 2}, "window": {"last_n": 100},
                 "column_overrides": {"y": {"threshold": 0.01}}}""").json(200).get("monitor").get("id").asText();
        SyntheticData.addPredictions(predictions, "pg", "1", 100, 3.0, 32);

        server.http().post("/api/v1/monitors/" + monitor + "/run", "").json(200);
        assertThat(server.http().get("/api/v1/alerts").json(200).get("alerts")).isEmpty();
        long second = server.http().post("/api/v1/monitors/" + monitor + "/run", "").json(200).get("result").get("id").asLong();

        JsonNode results = server.http().get("/api/v1/monitors/" + monitor + "/results?max_results=1").json(200).get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("id").asLong()).isEqualTo(second);
        assertThat(server.http().get("/api/v1/monitors/" + monitor).json(200).get("monitor").get("column_overrides").get("y")
                .get("threshold").asDouble()).isEqualTo(0.01);
        JsonNode alerts = server.http().get("/api/v1/alerts").json(200).get("alerts");
        assertThat(alerts).hasSize(1);
        String alert = alerts.get(0).get("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                server.http().get("/api/v1/alerts/" + alert + "/deliveries").json(200).get("deliveries").size() == 1);
        assertThat(server.http().get("/api/v1/alerts/" + alert + "/deliveries").json(200).get("deliveries").get(0).has("status_code"))
                .isFalse();
    }
}
