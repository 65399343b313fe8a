package dev.mlforge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Basic authentication on, the UI's pages pass the same door and resource permissions as the API: no back door. */
class UiAuthTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth("admin", "admin-password-1")
            .withConfig("auth.default-permission", "NO_PERMISSIONS");
    private static String open;
    private static String secret;
    private static String secretRun;

    @BeforeAll
    static void log() {
        TestHttp admin = server.http();
        open = admin.post("/api/2.0/mlflow/experiments/create", Map.of("name", "open-experiment")).ok().json().path("experiment_id").asText();
        secret = admin.post("/api/2.0/mlflow/experiments/create", Map.of("name", "secret-experiment")).ok().json().path("experiment_id").asText();
        secretRun = admin.post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", secret)).ok().json().at("/run/info/run_id").asText();
        admin.post("/api/2.0/mlflow/users/create", Map.of("username", "bob", "password", "bob-password-1")).ok();
        admin.post("/api/2.0/mlflow/experiments/permissions/create", Map.of("experiment_id", open, "username", "bob",
                "permission", "READ")).ok();
    }

    private static TestHttp bob() {
        return new TestHttp(server.baseUrl(), "Basic " + Base64.getEncoder().encodeToString("bob:bob-password-1".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_page_without_credentials_is_challenged_so_the_browser_asks_to_sign_in() {
        TestHttp.Response page = new TestHttp(server.baseUrl()).get("/ui/experiments");
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.header("WWW-Authenticate").orElse("")).startsWith("Basic");
    }

    @Test
    void the_experiments_list_shows_only_what_the_user_may_read() {
        String html = bob().get("/ui/experiments").ok().body();
        assertThat(html).contains("open-experiment", "bob").doesNotContain("secret-experiment");
        assertThat(server.http().get("/ui/experiments").ok().body()).contains("open-experiment", "secret-experiment");
    }

    @Test
    void pages_of_an_experiment_or_run_the_user_may_not_read_are_refused() {
        assertThat(bob().get("/ui/experiments/" + open).status()).isEqualTo(200);
        assertThat(bob().get("/ui/experiments/" + secret).status()).isEqualTo(403);
        assertThat(bob().get("/ui/experiments/" + open + "/keys?kind=metrics").status()).isEqualTo(200);
        assertThat(bob().get("/ui/experiments/" + secret + "/keys?kind=metrics").status()).isEqualTo(403);
        assertThat(bob().get("/ui/runs/" + secretRun).status()).isEqualTo(403);
        assertThat(bob().get("/ui/compare?runs=" + secretRun).status()).isEqualTo(403);
        assertThat(server.http().get("/ui/runs/" + secretRun).status()).isEqualTo(200);
    }

    @Test
    void assets_and_sign_out_need_no_credentials() {
        String html = server.http().get("/ui/experiments").ok().body();
        assertThat(html).contains("href=\"/ui/logout\"");
        TestHttp anonymous = new TestHttp(server.baseUrl());
        assertThat(anonymous.get("/ui/logout").status()).isEqualTo(401);
        String css = html.replaceAll("(?s).*href=\"(/ui/assets/[0-9a-f]+/app\\.css)\".*", "$1");
        assertThat(anonymous.get(css).status()).isEqualTo(200);
    }
}
