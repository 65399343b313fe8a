package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pages offer only the actions the signed-in identity's permissions allow, asked of the same permission service the API
 * consults; and the API still refuses a reader who sends the call the hidden button would have made (with a valid
 * session and CSRF token).
 */
class PermittedActionsTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth("admin", "admin-password-1");

    @BeforeAll
    static void model() {
        TestHttp admin = server.http();
        admin.post("/api/2.0/mlflow/registered-models/create", Map.of("name", "guarded-model")).ok();
        admin.post("/api/2.0/mlflow/users/create", Map.of("username", "rita", "password", "rita-password-1")).ok();
        admin.post("/api/2.0/mlflow/users/create", Map.of("username", "max", "password", "max-password-1")).ok();
        admin.post("/api/2.0/mlflow/users/create", Map.of("username", "eddie", "password", "eddie-password-1")).ok();
        admin.post("/api/2.0/mlflow/registered-models/permissions/create", Map.of("name", "guarded-model", "username", "max",
                "permission", "MANAGE")).ok();
        admin.post("/api/2.0/mlflow/registered-models/permissions/create", Map.of("name", "guarded-model", "username", "eddie",
                "permission", "EDIT")).ok();
    }

    private static String page(String session) {
        return new TestHttp(server.baseUrl()).send("GET", "/ui/models/guarded-model", null, null, "Cookie",
                "mlforge_session=" + session).ok().body();
    }

    @Test
    void a_reader_sees_no_delete_button_an_editor_neither_and_a_manager_does() {
        assertThat(page(SignInTest.sessionOf(SignInTest.signIn(server.baseUrl(), "rita", "rita-password-1", null)))).contains("guarded-model")
                .doesNotContain("id=\"delete-model\"");
        assertThat(page(SignInTest.sessionOf(SignInTest.signIn(server.baseUrl(), "eddie", "eddie-password-1", null))))
                .as("EDIT does not allow deleting").doesNotContain("id=\"delete-model\"");
        String manager = page(SignInTest.sessionOf(SignInTest.signIn(server.baseUrl(), "max", "max-password-1", null)));
        assertThat(manager).contains("id=\"delete-model\"", "data-url=\"/api/2.0/mlflow/registered-models/delete\"")
                .containsPattern("data-body=\"\\{(&#34;|&quot;)name(&#34;|&quot;):(&#34;|&quot;)guarded-model(&#34;|&quot;)}\"");
    }

    @Test
    void a_reader_forging_the_call_is_refused_by_the_api() {
        String session = SignInTest.sessionOf(SignInTest.signIn(server.baseUrl(), "rita", "rita-password-1", null));
        String csrf = SignInTest.csrfOf(page(session));

        TestHttp.Response forged = new TestHttp(server.baseUrl()).send("DELETE", "/api/2.0/mlflow/registered-models/delete",
                "application/json", Map.of("name", "guarded-model"), "Cookie", "mlforge_session=" + session, "X-CSRF-Token", csrf);

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(server.http().get("/api/2.0/mlflow/registered-models/get?name=guarded-model").status()).isEqualTo(200);
    }
}
