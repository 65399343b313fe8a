package dev.mlforge.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.LoggedModels;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With authentication on, the operations pages pass the same door as the API: no page without credentials, and the
 * approve, reject and rollback buttons only for identities that may make those calls (the API refuses the others).
 */
class OperationsPagesAuthTest {
    private static final String REQUESTS = "/api/v1/registry/transition-requests";

    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth("admin", "admin-password");
    private static TestHttp reader;
    private static TestHttp outsider;
    private static long request;

    @BeforeAll
    static void a_model_with_a_pending_request_a_deployment_with_two_policies_and_a_reader() throws Exception {
        TestHttp admin = server.http();
        new LoggedModels(server).registerModel("iris",
                java.nio.file.Path.of(OperationsPagesAuthTest.class.getResource("/serving/models/iris_logreg.onnx").toURI()));
        admin.put("/api/v1/registry/models/iris/approval-rule", Map.of("protected_stages", List.of("Production"))).json(200);
        request = admin.post(REQUESTS, Map.of("name", "iris", "version", "1", "stage", "Production")).json(201).path("id").asLong();
        admin.post("/api/v1/deployments", Map.of("name", "iris-svc", "model_uri", "models" + ":/iris/1")).json(200);
        admin.patch("/api/v1/deployments/iris-svc", Map.of("sticky_header", "X-User")).json(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/deployments/iris-svc").json()
                .path("deployment").path("ready").asBoolean());
        admin.post(LoggedModels.API + "users/create", Map.of("username", "rita", "password", "rita-password")).ok();
        reader = new TestHttp(server.baseUrl(), "Basic " + Base64.getEncoder()
                .encodeToString("rita:rita-password".getBytes(StandardCharsets.UTF_8)));
        admin.post(LoggedModels.API + "users/create", Map.of("username", "otto", "password", "otto-password")).ok();
        admin.post(LoggedModels.API + "registered-models/permissions/create",
                Map.of("name", "iris", "username", "otto", "permission", "NO_PERMISSIONS")).ok();
        admin.post("/api/v1/permissions", Map.of("resource_type", "deployment", "resource_id", "iris-svc",
                "username", "otto", "permission", "NO_PERMISSIONS")).ok();
        outsider = new TestHttp(server.baseUrl(), "Basic " + Base64.getEncoder()
                .encodeToString("otto:otto-password".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void what_a_user_may_not_read_is_neither_listed_nor_shown_as_the_api_refuses_it() {
        assertThat(outsider.get("/api/2.0/mlflow/registered-models/get?name=iris").status()).isEqualTo(403);
        String models = outsider.get("/ui/models").ok().body();
        assertThat(models).doesNotContain("/ui/models/iris\"", "data-request=\"" + request + "\"");
        assertThat(outsider.get("/ui/models/iris").status()).isEqualTo(403);
        assertThat(outsider.get("/ui/models/iris/versions/1").status()).isEqualTo(403);

        assertThat(outsider.get("/ui/deployments").ok().body()).doesNotContain("/ui/deployments/iris-svc\"");
        assertThat(outsider.get("/ui/deployments/iris-svc").status()).isEqualTo(403);
        assertThat(outsider.get("/ui/deployments/iris-svc/live").status()).isEqualTo(403);

        // the reader, whose default permission is READ, sees both
        assertThat(reader.get("/ui/models").ok().body()).contains("/ui/models/iris\"");
        assertThat(reader.get("/ui/deployments").ok().body()).contains("/ui/deployments/iris-svc\"");
    }

    @Test
    void pages_need_credentials_as_the_api_does() {
        TestHttp anonymous = new TestHttp(server.baseUrl());
        for (String path : new String[] {"/ui/models", "/ui/deployments/iris-svc", "/ui/deployments/iris-svc/live",
                "/ui/monitors", "/ui/pipelines", "/ui/lineage"}) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void a_writer_sees_the_approve_reject_and_rollback_buttons() {
        assertThat(server.http().get("/ui/models").ok().body()).contains(REQUESTS + "/" + request + "/approve\"",
                REQUESTS + "/" + request + "/reject\"");
        assertThat(server.http().get("/ui/deployments/iris-svc").ok().body()).contains("id=\"rollback\"");
    }

    @Test
    void a_reader_sees_the_request_and_the_policy_but_no_button_and_the_api_refuses_the_call() {
        String models = reader.get("/ui/models").ok().body();
        assertThat(models).contains("data-request=\"" + request + "\"", "stage Production").doesNotContain("/approve\"", "/reject\"");
        String deployment = reader.get("/ui/deployments/iris-svc").ok().body();
        assertThat(deployment).contains("X-User").doesNotContain("id=\"rollback\"");

        assertThat(reader.post(REQUESTS + "/" + request + "/approve", Map.of()).status()).isEqualTo(403);
        assertThat(reader.post("/api/v1/deployments/iris-svc/rollback", Map.of()).status()).isEqualTo(403);
    }
}
