package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request the door refuses before any route matched (a DNS-rebinding Host header) is audited too, under its bare
 * path: no route template is known yet, and the query string, where credentials travel, is never kept.
 */
class RefusedHostAuditTest {
    @RegisterExtension
    final ApplicationExtension app = ApplicationExtension.sqlite();

    @Test
    void a_refused_host_is_recorded_under_its_path_without_the_query() throws Exception {
        RawHttp.Response refused = RawHttp.get(app.port(),
                "/api/2.0/mlflow/experiments/search?max_results=10&token=query-secret", "attacker.example");
        assertThat(refused.status()).isEqualTo(403);

        JsonNode record = app.http().get("/api/v1/audit").json(200).path("records").get(0);
        assertThat(record.path("action").asText()).isEqualTo("GET /api/2.0/mlflow/experiments/search");
        assertThat(record.path("status").asInt()).isEqualTo(403);
        assertThat(record.path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(record.path("resource").asText()).isEmpty();
        assertThat(record.toString()).doesNotContain("query-secret");
    }

    @Test
    void a_long_refused_path_is_cut() throws Exception {
        String path = "/api/2.0/mlflow/" + "x".repeat(1000);
        assertThat(RawHttp.get(app.port(), path, "attacker.example").status()).isEqualTo(403);

        JsonNode record = app.http().get("/api/v1/audit").json(200).path("records").get(0);
        assertThat(record.path("action").asText()).hasSize("GET ".length() + AuditedRequest.MAX_PATH);
    }
}
