package dev.mlforge.registry;

import static dev.mlforge.registry.RegistryTestServer.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalWorkflowTest {
    static final String REQUESTS = "/api/v1/registry/transition-requests";

    @TempDir
    Path tmp;
    RegistryTestServer server;

    @BeforeEach
    void start() {
        server = new RegistryTestServer(tmp);
        server.logModel("good", "model", Map.of("accuracy", 0.93), Map.of(), List.of());
        server.logModel("weak", "model", Map.of("accuracy", 0.81), Map.of(), List.of());
        server.register("fraud", "good");
        server.register("fraud", "weak");
        server.put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "protected_aliases", List.of("champion"), "gates", List.of("metrics.accuracy >= 0.9"))).ok();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stores_and_returns_the_approval_rule() {
        JsonNode rule = server.get("/api/v1/registry/models/fraud/approval-rule").ok().body();
        assertThat(rule.get("protected_stages")).extracting(JsonNode::asText).containsExactly("Production");
        assertThat(rule.get("protected_aliases")).extracting(JsonNode::asText).containsExactly("champion");
        assertThat(rule.get("gates")).extracting(JsonNode::asText).containsExactly("metrics.accuracy >= 0.9");
    }

    @Test
    void refuses_invalid_rules() {
        assertThat(server.put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Prod")))
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.put("/api/v1/registry/models/fraud/approval-rule", Map.of("gates", List.of("accuracy > 1")))
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.put("/api/v1/registry/models/absent/approval-rule", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void refuses_direct_changes_of_protected_targets_with_permission_denied() {
        RegistryTestServer.Response stage = server.post(API + "model-versions/transition-stage", Map.of("name", "fraud",
                "version", "1", "stage", "Production", "archive_existing_versions", false));
        assertThat(stage.status()).isEqualTo(403);
        assertThat(stage.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(stage.body().get("message").asText()).contains("/api/v1/registry/transition-requests");
        RegistryTestServer.Response alias = server.post(API + "registered-models/alias",
                Map.of("name", "fraud", "alias", "champion", "version", "1"));
        assertThat(alias.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(server.post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "challenger", "version", "2"))
                .status()).isEqualTo(200);
        assertThat(server.post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "1",
                "stage", "Staging", "archive_existing_versions", false)).status()).isEqualTo(200);
    }

    @Test
    void an_approved_request_applies_the_stage_change_and_archives_the_previous_production_version() {
        String first = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production",
                "comment", "first release")).ok().body().get("id").asText();
        server.postAs("bob", REQUESTS + "/" + first + "/approve", Map.of("comment", "lgtm")).ok();
        assertThat(stage("1")).isEqualTo("Production");

        server.logModel("better", "model", Map.of("accuracy", 0.97), Map.of(), List.of());
        server.register("fraud", "better");
        String second = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "3", "stage", "Production",
                "archive_existing_versions", true)).ok().body().get("id").asText();
        JsonNode approved = server.postAs("bob", REQUESTS + "/" + second + "/approve", Map.of()).ok().body();
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("decided_by").asText()).isEqualTo("bob");
        assertThat(stage("3")).isEqualTo("Production");
        assertThat(stage("1")).isEqualTo("Archived");
    }

    @Test
    void a_pending_or_rejected_request_changes_nothing() {
        String id = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "alias", "champion",
                "comment", "promote")).ok().body().get("id").asText();
        assertThat(server.get(API + "registered-models/alias?name=fraud&alias=champion").status()).isEqualTo(404);
        JsonNode rejected = server.postAs("bob", REQUESTS + "/" + id + "/reject", Map.of("comment", "not yet")).ok().body();
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(server.get(API + "registered-models/alias?name=fraud&alias=champion").status()).isEqualTo(404);
        assertThat(server.postAs("bob", REQUESTS + "/" + id + "/approve", Map.of()).errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void an_approved_alias_request_moves_the_alias() {
        String id = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "alias", "champion"))
                .ok().body().get("id").asText();
        server.postAs("bob", REQUESTS + "/" + id + "/approve", Map.of()).ok();
        assertThat(server.get(API + "registered-models/alias?name=fraud&alias=champion").ok().body()
                .at("/model_version/version").asText()).isEqualTo("1");
    }

    @Test
    void a_failing_metric_gate_blocks_approval() {
        String id = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "2", "stage", "Production"))
                .ok().body().get("id").asText();
        RegistryTestServer.Response approval = server.postAs("bob", REQUESTS + "/" + id + "/approve", Map.of());
        assertThat(approval.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(approval.body().get("message").asText()).contains("metrics.accuracy = 0.81");
        assertThat(stage("2")).isEqualTo("None");
        assertThat(server.get(REQUESTS + "/" + id).ok().body().get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void the_requester_cannot_approve_their_own_request() {
        String id = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production"))
                .ok().body().get("id").asText();
        assertThat(server.postAs("alice", REQUESTS + "/" + id + "/approve", Map.of()).errorCode()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void a_two_person_rule_refuses_an_approval_by_an_invented_basic_user_and_the_request_stays_pending() {
        server.put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "gates", List.of("metrics.accuracy >= 0.9"), "require_second_approver", true)).ok();
        assertThat(server.get("/api/v1/registry/models/fraud/approval-rule").ok().body()
                .get("require_second_approver").asBoolean()).isTrue();
        String id = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production"))
                .ok().body().get("id").asText();

        // Anyone can put any name in a Basic header: here the requester's accomplice, invented on the spot.
        RegistryTestServer.Response approval = server.postAs("not-alice-honest", REQUESTS + "/" + id + "/approve", Map.of());

        assertThat(approval.status()).isEqualTo(403);
        assertThat(approval.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(approval.body().get("message").asText()).contains("not-alice-honest").contains("second approver")
                .contains("not authenticated").contains("requires authentication");
        assertThat(server.get(REQUESTS + "/" + id).ok().body().get("status").asText()).isEqualTo("PENDING");
        assertThat(stage("1")).isEqualTo("None");
    }

    @Test
    void a_two_person_rule_lets_an_authenticated_second_approver_approve() {
        server.put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "require_second_approver", true)).ok();
        TransitionRequest request = server.registry.approvals().createRequest("fraud", "1", "Production", null, false,
                null, "alice");
        assertThatThrownBy(() -> server.registry.approvals().approve(request.id(), new Actor("alice", true), null))
                .hasMessageContaining("someone other than its requester");

        // What the governance issue's authenticator will produce; nothing does yet.
        TransitionRequest approved = server.registry.approvals().approve(request.id(), new Actor("bob", true), "ok");

        assertThat(approved.status()).isEqualTo("APPROVED");
        assertThat(stage("1")).isEqualTo("Production");
    }

    @Test
    void a_request_names_exactly_one_target() {
        assertThat(server.post(REQUESTS, Map.of("name", "fraud", "version", "1")).errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.post(REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production", "alias", "champion"))
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.post(REQUESTS, Map.of("name", "fraud", "version", "9", "stage", "Production")).status()).isEqualTo(404);
    }

    @Test
    void lists_requests_by_model_and_status() {
        server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production")).ok();
        String id = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "2", "alias", "champion"))
                .ok().body().get("id").asText();
        server.postAs("bob", REQUESTS + "/" + id + "/reject", Map.of()).ok();
        assertThat(server.get(REQUESTS + "?name=fraud").ok().body().get("transition_requests")).hasSize(2);
        JsonNode pending = server.get(REQUESTS + "?name=fraud&status=PENDING").ok().body().get("transition_requests");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("stage").asText()).isEqualTo("Production");
        assertThat(server.get(REQUESTS + "?status=bogus").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void history_lists_every_stage_and_alias_change_with_who_when_and_why() {
        server.postAs("carol", API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "1",
                "stage", "Staging", "archive_existing_versions", false)).ok();
        String id = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "alias", "champion",
                "comment", "beats baseline")).ok().body().get("id").asText();
        server.postAs("bob", REQUESTS + "/" + id + "/approve", Map.of()).ok();
        String move = server.postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "2", "alias", "champion"))
                .ok().body().get("id").asText();
        server.put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_aliases", List.of("champion"))).ok();
        server.postAs("bob", REQUESTS + "/" + move + "/approve", Map.of()).ok();

        JsonNode events = server.get("/api/v1/registry/models/fraud/versions/1/history").ok().body().get("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("kind").asText()).isEqualTo("stage");
        assertThat(events.get(0).get("from").asText()).isEqualTo("None");
        assertThat(events.get(0).get("to").asText()).isEqualTo("Staging");
        assertThat(events.get(0).get("user").asText()).isEqualTo("carol");
        assertThat(events.get(0).get("timestamp").asLong()).isPositive();
        assertThat(events.get(1).get("alias").asText()).isEqualTo("champion");
        assertThat(events.get(1).get("from").isNull()).isTrue();
        assertThat(events.get(1).get("to").asText()).isEqualTo("1");
        assertThat(events.get(1).get("user").asText()).isEqualTo("bob");
        assertThat(events.get(1).get("comment").asText()).contains("beats baseline").contains("alice");
        assertThat(events.get(2).get("from").asText()).isEqualTo("1");
        assertThat(events.get(2).get("to").asText()).isEqualTo("2");
        assertThat(server.get("/api/v1/registry/models/fraud/versions/2/history").ok().body().get("events")).hasSize(1);
    }

    private String stage(String version) {
        return server.get(API + "model-versions/get?name=fraud&version=" + version).body().at("/model_version/current_stage").asText();
    }
}
