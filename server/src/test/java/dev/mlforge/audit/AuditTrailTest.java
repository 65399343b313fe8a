package dev.mlforge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every state-changing request and every refused one leaves an audit record (who, what, on which resource, when,
 * from where, how it ended, which request), read back over {@code GET /api/v1/audit}; reads, including MLflow's
 * searches sent as POST, leave none, and no secret a request carries reaches a record.
 */
class AuditTrailTest {
    @RegisterExtension
    final ApplicationExtension server = extension();

    /** The application under test: on SQLite here, on PostgreSQL in {@link PostgresAuditTrailTest}. */
    ApplicationExtension extension() {
        return ApplicationExtension.sqlite();
    }

    private TestHttp http() {
        return server.http();
    }

    private List<JsonNode> records(String query) {
        JsonNode answer = http().get("/api/v1/audit" + query).json(200);
        List<JsonNode> records = new ArrayList<>();
        answer.path("records").forEach(records::add);
        return records;
    }

    @Test
    void a_created_experiment_is_recorded_with_who_what_resource_outcome_source_and_request_id() {
        TestHttp.Response created = http().send("POST", "/api/2.0/mlflow/experiments/create", "application/json",
                "{\"name\": \"churn\"}", "X-Request-ID", "req-42");
        created.ok();

        List<JsonNode> records = records("");
        assertThat(records).hasSize(1);
        JsonNode record = records.get(0);
        assertThat(record.path("seq").asLong()).isEqualTo(1);
        assertThat(record.path("user").asText()).isEqualTo("anonymous");
        assertThat(record.path("authenticated").asBoolean()).isFalse();
        assertThat(record.path("action").asText()).isEqualTo("POST /api/2.0/mlflow/experiments/create");
        assertThat(record.path("resource").asText()).isEqualTo("name=churn");
        assertThat(record.path("status").asInt()).isEqualTo(200);
        assertThat(record.has("error_code")).isFalse();
        assertThat(record.path("source_address").asText()).isEqualTo("127.0.0.1");
        assertThat(record.path("request_id").asText()).isEqualTo("req-42");
        assertThat(created.header("X-Request-ID")).contains("req-42");
        assertThat(record.path("timestamp_ms").asLong()).isPositive();
        assertThat(record.path("prev_hash").asText()).isEqualTo("0".repeat(64));
        assertThat(record.path("hash").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void a_failed_write_is_recorded_with_its_status_and_error_code_and_a_generated_request_id() {
        TestHttp.Response refused = http().post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"999\"}");
        assertThat(refused.status()).isEqualTo(404);

        JsonNode record = records("").get(0);
        assertThat(record.path("action").asText()).isEqualTo("POST /api/2.0/mlflow/runs/create");
        assertThat(record.path("resource").asText()).isEqualTo("experiment_id=999");
        assertThat(record.path("status").asInt()).isEqualTo(404);
        assertThat(record.path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(record.path("request_id").asText()).matches("[0-9a-f-]{36}");
        assertThat(refused.header("X-Request-ID")).contains(record.path("request_id").asText());
    }

    @Test
    void path_parameters_name_the_resource_and_the_action_is_the_route_template() {
        http().delete("/api/v1/deployments/fraud-scorer");

        JsonNode record = records("").get(0);
        assertThat(record.path("action").asText()).isEqualTo("DELETE /api/v1/deployments/{name}");
        assertThat(record.path("resource").asText()).isEqualTo("name=fraud-scorer");
    }

    @Test
    void a_large_log_batch_names_its_run_as_the_mlflow_client_sends_it_run_id_first() {
        String experimentId = http().post("/api/2.0/mlflow/experiments/create", "{\"name\": \"ingest\"}").json(200)
                .path("experiment_id").asText();
        String runId = http().post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", experimentId)).json(200)
                .path("run").path("info").path("run_id").asText();
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            metrics.append(i == 0 ? "" : ",").append("{\"key\": \"m").append(i).append("\", \"value\": 0.5, \"timestamp\": 1, \"step\": 0}");
        }
        String body = "{\"run_id\": \"" + runId + "\", \"metrics\": [" + metrics + "], \"params\": [], \"tags\": []}";
        assertThat(body.length()).isGreaterThan(8 * 1024);

        http().post("/api/2.0/mlflow/runs/log-batch", body).ok();

        JsonNode record = records("?action=log-batch").get(0);
        assertThat(record.path("resource").asText()).isEqualTo("run_id=" + runId);
    }

    @Test
    void reads_and_searches_sent_as_post_leave_no_record() {
        http().get("/api/2.0/mlflow/experiments/search?max_results=5").ok();
        http().post("/api/2.0/mlflow/experiments/search", "{\"max_results\": 5}").ok();
        http().post("/api/2.0/mlflow/registered-models/search", "{}").ok();
        http().post("/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [\"0\"]}").ok();
        http().get("/api/v1/deployments").ok();

        assertThat(records("")).isEmpty();
    }

    @Test
    void a_cross_origin_write_refused_with_403_is_recorded() {
        TestHttp.Response refused = http().send("POST", "/api/2.0/mlflow/experiments/create", "application/json",
                "{\"name\": \"planted\"}", "Origin", "http://evil.example");
        assertThat(refused.status()).isEqualTo(403);

        JsonNode record = records("").get(0);
        assertThat(record.path("action").asText()).isEqualTo("POST /api/2.0/mlflow/experiments/create");
        assertThat(record.path("status").asInt()).isEqualTo(403);
        assertThat(record.path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void no_secret_of_a_request_reaches_its_record() {
        String basic = java.util.Base64.getEncoder().encodeToString("alice:hunter2-password".getBytes());
        http().send("POST", "/api/2.0/mlflow/experiments/create?token=query-secret-token", "application/json",
                "{\"name\": \"secrets\", \"password\": \"body-secret-password\", \"artifact_location\":"
                        + " \"postgresql://u:db-secret-pw@db/x\"}",
                "Authorization", "Basic " + basic, "X-Api-Key", "header-secret-key");
        http().send("POST", "/api/2.0/mlflow/users/create", "application/json",
                "{\"username\": \"bob\", \"password\": \"users-secret-password\"}");

        String listing = http().get("/api/v1/audit").body();
        assertThat(records("")).isNotEmpty();
        assertThat(listing).doesNotContain("hunter2", basic, "query-secret-token", "body-secret-password", "db-secret-pw",
                "header-secret-key", "users-secret-password", "postgresql://");
    }

    @Test
    void filters_by_user_action_resource_outcome_and_time_and_pages_newest_first() {
        http().post("/api/2.0/mlflow/experiments/create", "{\"name\": \"a\"}").ok();
        http().post("/api/2.0/mlflow/experiments/create", "{\"name\": \"b\"}").ok();
        http().post("/api/2.0/mlflow/experiments/create", "{\"name\": \"a\"}");
        http().delete("/api/v1/deployments/a");

        assertThat(records("?user=anonymous")).hasSize(4);
        assertThat(records("?user=nobody")).isEmpty();
        assertThat(records("?action=DELETE")).extracting(node -> node.path("action").asText())
                .containsExactly("DELETE /api/v1/deployments/{name}");
        assertThat(records("?resource=name%3Da")).extracting(node -> node.path("seq").asLong()).containsExactly(4L, 3L, 1L);
        assertThat(records("?resource=b")).extracting(node -> node.path("seq").asLong()).containsExactly(2L);
        assertThat(records("?outcome=success")).extracting(node -> node.path("seq").asLong()).containsExactly(2L, 1L);
        assertThat(records("?outcome=failure")).extracting(node -> node.path("seq").asLong()).containsExactly(4L, 3L);
        assertThat(records("?outcome=RESOURCE_ALREADY_EXISTS")).extracting(node -> node.path("seq").asLong()).containsExactly(3L);
        assertThat(records("?outcome=404")).extracting(node -> node.path("seq").asLong()).containsExactly(4L);
        long second = records("?resource=b").get(0).path("timestamp_ms").asLong();
        assertThat(records("?from=" + (second + 3_600_000))).isEmpty();
        assertThat(records("?to=1970-01-02T00:00:00Z")).isEmpty();
        assertThat(records("?from=" + second + "&to=" + java.time.Instant.ofEpochMilli(second + 60_000))).isNotEmpty();

        JsonNode first = http().get("/api/v1/audit?max_results=3").json(200);
        assertThat(first.path("records")).extracting(node -> node.path("seq").asLong()).containsExactly(4L, 3L, 2L);
        String token = first.path("next_page_token").asText();
        JsonNode last = http().get("/api/v1/audit?max_results=3&page_token=" + token).json(200);
        assertThat(last.path("records")).extracting(node -> node.path("seq").asLong()).containsExactly(1L);
        assertThat(last.has("next_page_token")).isFalse();
    }

    @Test
    void bad_filters_are_refused_with_invalid_parameter_value() {
        for (String query : List.of("?outcome=maybe", "?from=yesterday", "?max_results=0", "?max_results=5000",
                "?page_token=abc")) {
            TestHttp.Response answer = http().get("/api/v1/audit" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.errorCode()).as(query).isEqualTo("INVALID_PARAMETER_VALUE");
        }
    }

    @Test
    void the_chain_of_recorded_requests_verifies() {
        for (int i = 0; i < 5; i++) {
            http().post("/api/2.0/mlflow/experiments/create", Map.of("name", "e" + i)).ok();
        }

        JsonNode verdict = http().get("/api/v1/audit/verify").json(200);
        assertThat(verdict.path("valid").asBoolean()).isTrue();
        assertThat(verdict.path("records_checked").asLong()).isEqualTo(5);
        assertThat(verdict.has("first_bad_seq")).isFalse();
        assertThat(verdict.has("reason")).isFalse();
    }

    @Test
    void the_audit_routes_are_for_admins() {
        assertThat(server.application().routeRoles()).containsEntry("GET /api/v1/audit", dev.mlforge.http.Role.ADMIN)
                .containsEntry("GET /api/v1/audit/verify", dev.mlforge.http.Role.ADMIN);
    }
}
