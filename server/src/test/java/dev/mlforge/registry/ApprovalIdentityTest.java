package dev.mlforge.registry;

import static dev.mlforge.testing.LoggedModels.API;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With authentication on, the two-person approval is bound to verified identities: a forged or invented Basic name
 * never reaches the approval (401), the requester cannot approve, and a second authenticated user can; the decision
 * records both names.
 */
class ApprovalIdentityTest {
    private static final String REQUESTS = "/api/v1/registry/transition-requests";

    @RegisterExtension
    final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth("admin", "admin-password-1")
            .withConfig("auth.default-permission", "EDIT");
    String request;

    @BeforeEach
    void pending_request_under_a_two_person_rule() {
        LoggedModels models = new LoggedModels(server);
        models.register("fraud", models.logModel("model", Map.of("accuracy", 0.93), Map.of(), List.of()));
        server.http().put("/api/v1/registry/models/fraud/approval-rule", Map.of("protected_stages", List.of("Production"),
                "require_second_approver", true)).ok();
        for (String user : List.of("alice", "bob")) {
            server.http().post(API + "users/create", Map.of("username", user, "password", user + "-password")).ok();
        }
        request = as("alice", "alice-password", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Production"))
                .json(201).path("id").asText();
    }

    private TestHttp.Response as(String user, String password, String path, Object body) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return server.http().send("POST", path, "application/json", body, "Authorization", "Basic " + credentials);
    }

    @Test
    void an_invented_basic_user_cannot_approve() {
        TestHttp.Response forged = as("not-alice-honest", "anything", REQUESTS + "/" + request + "/approve", Map.of());

        assertThat(forged.status()).isEqualTo(401);
        assertPending();
    }

    @Test
    void a_real_user_name_without_its_password_cannot_approve() {
        TestHttp.Response forged = as("bob", "guessed", REQUESTS + "/" + request + "/approve", Map.of());

        assertThat(forged.status()).isEqualTo(401);
        assertPending();
    }

    @Test
    void the_requester_cannot_approve_their_own_request() {
        TestHttp.Response own = as("alice", "alice-password", REQUESTS + "/" + request + "/approve", Map.of());

        assertThat(own.status()).isEqualTo(403);
        assertPending();
    }

    @Test
    void a_second_authenticated_user_approves_and_the_decision_records_both() {
        TestHttp.Response approved = as("bob", "bob-password", REQUESTS + "/" + request + "/approve", Map.of());

        assertThat(approved.json(200).path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().path("requested_by").asText()).isEqualTo("alice");
        assertThat(approved.json().path("decided_by").asText()).isEqualTo("bob");
        assertThat(server.http().get(API + "model-versions/get?name=fraud&version=1").json()
                .at("/model_version/current_stage").asText()).isEqualTo("Production");
    }

    @Test
    void an_approver_without_edit_on_the_model_cannot_approve_or_reject() {
        server.http().post(API + "registered-models/permissions/create", Map.of("name", "fraud", "username", "bob",
                "permission", "READ")).ok();

        assertThat(as("bob", "bob-password", REQUESTS + "/" + request + "/approve", Map.of()).errorCode())
                .isEqualTo("PERMISSION_DENIED");
        assertThat(as("bob", "bob-password", REQUESTS + "/" + request + "/reject", Map.of()).status()).isEqualTo(403);
        assertThat(as("bob", "bob-password", REQUESTS, Map.of("name", "fraud", "version", "1", "stage", "Staging")).status())
                .isEqualTo(403);
        assertPending();
    }

    @Test
    void an_unauthenticated_caller_cannot_approve() {
        TestHttp.Response anonymous = new TestHttp("http://127.0.0.1:" + server.port()).post(REQUESTS + "/" + request
                + "/approve", Map.of());

        assertThat(anonymous.status()).isEqualTo(401);
        assertPending();
    }

    private void assertPending() {
        assertThat(server.http().get(REQUESTS + "/" + request).json(200).path("status").asText()).isEqualTo("PENDING");
    }
}
