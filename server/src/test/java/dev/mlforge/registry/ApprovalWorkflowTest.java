package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApprovalWorkflowTest {
    static final String REQUESTS = "/api/v1/registry/transition-requests";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite();
    final LoggedModels models = new LoggedModels(server);
    String good;
    String weak;
    String better;

    @BeforeEach
    void start() {
        good = models.logModel("model", Map.of("accuracy", 0.93), Map.of(), List.of());
        weak = models.logModel("model", Map.of("accuracy", 0.81), Map.of(), List.of());
        models.register("fraud", good);
        models.register("fraud", weak);
        server.http().put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "protected_aliases", List.of("champion"), "gates", List.of("metrics.accuracy >= 0.9"))).ok();
    }

    @Test
    void stores_and_returns_the_approval_rule() {
        JsonNode rule = server.http().get("/api/v1/registry/models/fraud/approval-rule").ok().json();
        assertThat(rule.get("protected_stages")).extracting(JsonNode::asText).containsExactly("Production");
        assertThat(rule.get("protected_aliases")).extracting(JsonNode::asText).containsExactly("champion");
        assertThat(rule.get("gates")).extracting(JsonNode::asText).containsExactly("metrics.accuracy >= 0.9");
    }

    @Test
    void refuses_invalid_rules() {
        assertThat(server.http().put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Prod")))
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().put("/api/v1/registry/models/fraud/approval-rule", Map.of("gates", List.of("accuracy > 1")))
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().put("/api/v1/registry/models/absent/approval-rule", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void refuses_direct_changes_of_protected_targets_with_permission_denied() {
        TestHttp.Response stage = server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud",
                "version", "1", "stage", "Production", "archive_existing_versions", false));
        assertThat(stage.status()).isEqualTo(403);
        assertThat(stage.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(stage.json().get("message").asText()).contains("/api/v1/registry/transition-requests");
        TestHttp.Response alias = server.http().post(API + "registered-models/alias",
                Map.of("name", "fraud", "alias", "champion", "version", "1"));
        assertThat(alias.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(server.http().post(API + "registered-models/alias", Map.of("name", "fraud", "alias", "challenger", "version", "2"))
                .status()).isEqualTo(200);
        assertThat(server.http().post(API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "1",
                "stage", "Staging", "archive_existing_versions", false)).status()).isEqualTo(200);
    }

    @Test
    void an_approved_request_applies_the_stage_change_and_archives_the_previous_production_version() {
        String first = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production",
                "comment", "first release")).ok().json().get("id").asText();
        server.http().postAs("bob", REQUESTS + "/" + first + "/approve", Map.of("comment", "lgtm")).ok();
        assertThat(stage("1")).isEqualTo("Production");

        better = models.logModel("model", Map.of("accuracy", 0.97), Map.of(), List.of());
        models.register("fraud", better);
        String second = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "3", "stage", "Production",
                "archive_existing_versions", true)).ok().json().get("id").asText();
        JsonNode approved = server.http().postAs("bob", REQUESTS + "/" + second + "/approve", Map.of()).ok().json();
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("decided_by").asText()).isEqualTo("bob");
        assertThat(stage("3")).isEqualTo("Production");
        assertThat(stage("1")).isEqualTo("Archived");
    }

    @Test
    void a_pending_or_rejected_request_changes_nothing() {
        String id = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "alias", "champion",
                "comment", "promote")).ok().json().get("id").asText();
        assertThat(server.http().get(API + "registered-models/alias?name=fraud&alias=champion").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        JsonNode rejected = server.http().postAs("bob", REQUESTS + "/" + id + "/reject", Map.of("comment", "not yet")).ok().json();
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(server.http().get(API + "registered-models/alias?name=fraud&alias=champion").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().postAs("bob", REQUESTS + "/" + id + "/approve", Map.of()).errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void an_approved_alias_request_moves_the_alias() {
        String id = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "alias", "champion"))
                .ok().json().get("id").asText();
        server.http().postAs("bob", REQUESTS + "/" + id + "/approve", Map.of()).ok();
        assertThat(server.http().get(API + "registered-models/alias?name=fraud&alias=champion").ok().json()
                .at("/model_version/version").asText()).isEqualTo("1");
    }

    @Test
    void a_failing_metric_gate_blocks_approval() {
        String id = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "2", "stage", "Production"))
                .ok().json().get("id").asText();
        TestHttp.Response approval = server.http().postAs("bob", REQUESTS + "/" + id + "/approve", Map.of());
        assertThat(approval.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(approval.json().get("message").asText()).contains("metrics.accuracy = 0.81");
        assertThat(stage("2")).isEqualTo("None");
        assertThat(server.http().get(REQUESTS + "/" + id).ok().json().get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void the_requester_cannot_approve_their_own_request() {
        String id = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production"))
                .ok().json().get("id").asText();
        assertThat(server.http().postAs("alice", REQUESTS + "/" + id + "/approve", Map.of()).errorCode()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void a_two_person_rule_refuses_an_approval_by_an_invented_basic_user_and_the_request_stays_pending() {
        server.http().put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "gates", List.of("metrics.accuracy >= 0.9"), "require_second_approver", true)).ok();
        assertThat(server.http().get("/api/v1/registry/models/fraud/approval-rule").ok().json()
                .get("require_second_approver").asBoolean()).isTrue();
        String id = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production"))
                .ok().json().get("id").asText();

        // Anyone can put any name in a Basic header: here the requester's accomplice, invented on the spot.
        TestHttp.Response approval = server.http().postAs("not-alice-honest", REQUESTS + "/" + id + "/approve", Map.of());

        assertThat(approval.status()).isEqualTo(403);
        assertThat(approval.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(approval.json().get("message").asText()).contains("not-alice-honest").contains("second approver")
                .contains("not authenticated").contains("requires authentication");
        assertThat(server.http().get(REQUESTS + "/" + id).ok().json().get("status").asText()).isEqualTo("PENDING");
        assertThat(stage("1")).isEqualTo("None");
    }

    @Test
    void a_two_person_rule_lets_an_authenticated_second_approver_approve() {
        server.http().put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "require_second_approver", true)).ok();
        TransitionRequestEntity request = server.application().registry().approvals().createRequest("fraud", "1", "Production", null, false,
                null, "alice");
        assertThatThrownBy(() -> server.application().registry().approvals().approve(request.id(), new Actor("alice", true), null))
                .hasMessageContaining("someone other than its requester");

        // What the governance issue's authenticator will produce; nothing does yet.
        TransitionRequestEntity approved = server.application().registry().approvals().approve(request.id(), new Actor("bob", true), "ok");

        assertThat(approved.status()).isEqualTo("APPROVED");
        assertThat(stage("1")).isEqualTo("Production");
    }

    @Test
    void a_request_names_exactly_one_target() {
        assertThat(server.http().post(REQUESTS, Map.of("name", "fraud", "version", "1")).errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().post(REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production", "alias", "champion"))
                .errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(server.http().post(REQUESTS, Map.of("name", "fraud", "version", "9", "stage", "Production")).status()).isEqualTo(404);
    }

    @Test
    void lists_requests_by_model_and_status() {
        server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production")).ok();
        String id = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "2", "alias", "champion"))
                .ok().json().get("id").asText();
        server.http().postAs("bob", REQUESTS + "/" + id + "/reject", Map.of()).ok();
        assertThat(server.http().get(REQUESTS + "?name=fraud").ok().json().get("transition_requests")).hasSize(2);
        JsonNode pending = server.http().get(REQUESTS + "?name=fraud&status=PENDING").ok().json().get("transition_requests");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("stage").asText()).isEqualTo("Production");
        assertThat(server.http().get(REQUESTS + "?status=bogus").errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void history_lists_every_stage_and_alias_change_with_who_when_and_why() {
        server.http().postAs("carol", API + "model-versions/transition-stage", Map.of("name", "fraud", "version", "1",
                "stage", "Staging", "archive_existing_versions", false)).ok();
        String id = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "1", "alias", "champion",
                "comment", "beats baseline")).ok().json().get("id").asText();
        server.http().postAs("bob", REQUESTS + "/" + id + "/approve", Map.of()).ok();
        String move = server.http().postAs("alice", REQUESTS, Map.of("name", "fraud", "version", "2", "alias", "champion"))
                .ok().json().get("id").asText();
        server.http().put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_aliases", List.of("champion"))).ok();
        server.http().postAs("bob", REQUESTS + "/" + move + "/approve", Map.of()).ok();

        JsonNode events = server.http().get("/api/v1/registry/models/fraud/versions/1/history").ok().json().get("events");
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
        assertThat(server.http().get("/api/v1/registry/models/fraud/versions/2/history").ok().json().get("events")).hasSize(1);
    }

    private String stage(String version) {
        return server.http().get(API + "model-versions/get?name=fraud&version=" + version).json().at("/model_version/current_stage").asText();
    }
}
