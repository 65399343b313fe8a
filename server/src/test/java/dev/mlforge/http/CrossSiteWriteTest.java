package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.testing.ApplicationExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A browser sends {@code text/plain}, form and multipart POSTs cross-site without a CORS preflight, so a page on any
 * site could drive the API through a user's browser. Each route reads only the media types it names (JSON for all but
 * CSV uploads, inference and pipeline files), state-changing requests from a foreign Origin are refused, and CORS
 * headers go only to configured origins.
 */
class CrossSiteWriteTest {
    private static final String PIPELINE = "{\"pipeline\": \"name: p\\nsteps:\\n  - id: load\\n    type: load\\n    path: /etc/os-release\\n\"}";

    @RegisterExtension
    final ApplicationExtension app = ApplicationExtension.sqlite().startOnFirstUse();
    private int port;

    private void start(Map<String, String> settings) {
        settings.forEach(app::withConfig);
        port = app.port();
    }

    private RawHttp.Response post(String path, String body, String... headers) throws Exception {
        return RawHttp.send(port, "POST", path, "localhost:" + port, body, headers);
    }

    private RawHttp.Response get(String path) throws Exception {
        return RawHttp.get(port, path, "localhost:" + port);
    }

    @Test
    void text_plain_posts_to_the_probed_routes_are_refused_before_their_handlers_run() throws Exception {
        start(Map.of());
        Map<String, String> probes = Map.of(
                "/api/v1/pipelines/runs", PIPELINE,
                "/api/v1/deployments", "{\"name\": \"planted\", \"model_uri\": \"models:/m/1\"}",
                "/api/v1/alert-rules", "{\"name\": \"planted\", \"metric\": \"error_rate\", \"threshold\": 0.5}",
                "/api/v1/datasets?name=planted", "a,b\n1,2\n");

        for (var probe : probes.entrySet()) {
            RawHttp.Response response = post(probe.getKey(), probe.getValue(), "Content-Type: text/plain");
            assertThat(response.status()).as(probe.getKey()).isEqualTo(400);
            assertThat(response.json().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(response.json().path("message").asText()).contains("Content-Type").contains("text/plain");
        }
        assertThat(get("/api/v1/pipelines/runs").json().path("runs")).isEmpty();
        assertThat(get("/api/v1/deployments").json().path("deployments")).isEmpty();
        assertThat(get("/api/v1/alert-rules").json().path("alert_rules")).isEmpty();
        assertThat(get("/api/v1/datasets").json().path("datasets")).isEmpty();
    }

    @Test
    void form_and_multipart_bodies_and_a_missing_content_type_are_refused_on_json_routes() throws Exception {
        start(Map.of());
        for (String contentType : List.of("Content-Type: application/x-www-form-urlencoded",
                "Content-Type: multipart/form-data; boundary=x", "X-Nothing: none")) {
            RawHttp.Response response = post("/api/2.0/mlflow/experiments/create", "{\"name\": \"planted\"}", contentType);
            assertThat(response.status()).as(contentType).isEqualTo(400);
        }
        RawHttp.Response bodyless = post("/api/2.0/mlflow/experiments/create", null);
        assertThat(bodyless.status()).isEqualTo(400);
        assertThat(bodyless.json().path("message").asText()).contains("got none");
        assertThat(get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=planted").status()).isEqualTo(404);
    }

    @Test
    void json_with_or_without_a_charset_is_accepted() throws Exception {
        start(Map.of());
        assertThat(post("/api/2.0/mlflow/experiments/create", "{\"name\": \"a\"}", "Content-Type: application/json").status())
                .isEqualTo(200);
        assertThat(post("/api/2.0/mlflow/experiments/create", "{\"name\": \"b\"}",
                "Content-Type: Application/JSON; charset=UTF-8").status()).isEqualTo(200);
    }

    @Test
    void a_csv_upload_needs_text_csv_and_a_form_upload_is_refused() throws Exception {
        start(Map.of());
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\na,b\n1,2\n\r\n--b--\r\n";

        assertThat(post("/api/v1/datasets?name=form", multipart, "Content-Type: multipart/form-data; boundary=b").status())
                .isEqualTo(400);
        assertThat(post("/api/v1/datasets?name=small", "a,b\n1,2\n", "Content-Type: text/csv; charset=utf-8").status())
                .isEqualTo(201);
        assertThat(get("/api/v1/datasets").body()).contains("small").doesNotContain("form");
    }

    @Test
    void artifact_uploads_keep_accepting_any_media_type() throws Exception {
        start(Map.of());
        RawHttp.Response upload = RawHttp.send(port, "PUT", "/api/2.0/mlflow-artifacts/artifacts/0/r/notes.txt",
                "localhost", "hello", "Content-Type: text/plain");

        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        assertThat(RawHttp.get(port, "/api/2.0/mlflow-artifacts/artifacts/0/r/notes.txt", "localhost").body()).isEqualTo("hello");
    }

    @Test
    void a_delete_with_a_body_needs_json_and_one_without_a_body_needs_nothing() throws Exception {
        start(Map.of());
        RawHttp.Response refused = RawHttp.send(port, "DELETE", "/api/2.0/mlflow/registered-models/delete", "localhost",
                "{\"name\": \"m\"}", "Content-Type: text/plain");
        RawHttp.Response bodyless = RawHttp.send(port, "DELETE", "/api/v1/monitors/none", "localhost", null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).contains("Content-Type");
        assertThat(bodyless.status()).as("reaches the route, which finds no monitor").isEqualTo(404);
    }

    @Test
    void a_write_from_a_foreign_origin_is_refused_even_with_a_json_body() throws Exception {
        start(Map.of());
        RawHttp.Response response = post("/api/2.0/mlflow/experiments/create", "{\"name\": \"planted\"}",
                "Content-Type: application/json", "Origin: https://attacker.example");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().path("message").asText()).contains("cors-allowed-origins");
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        assertThat(get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=planted").status()).isEqualTo(404);
    }

    @Test
    void a_page_served_by_the_server_itself_may_write() throws Exception {
        start(Map.of());
        RawHttp.Response response = post("/api/2.0/mlflow/experiments/create", "{\"name\": \"own\"}",
                "Content-Type: application/json", "Origin: http://localhost:" + port);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void no_origin_gets_cors_headers_unless_configured() throws Exception {
        start(Map.of());
        RawHttp.Response preflight = RawHttp.send(port, "OPTIONS", "/api/2.0/mlflow/experiments/create", "localhost", null,
                "Origin: http://localhost:3000", "Access-Control-Request-Method: POST");

        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void a_configured_origin_gets_its_preflight_answered_and_may_write() throws Exception {
        start(Map.of("cors-allowed-origins", "https://dashboard.example, http://localhost:3000"));
        RawHttp.Response preflight = RawHttp.send(port, "OPTIONS", "/api/2.0/mlflow/experiments/create", "localhost", null,
                "Origin: https://dashboard.example", "Access-Control-Request-Method: POST",
                "Access-Control-Request-Headers: content-type");
        RawHttp.Response write = post("/api/2.0/mlflow/experiments/create", "{\"name\": \"from-dashboard\"}",
                "Content-Type: application/json", "Origin: https://dashboard.example");
        RawHttp.Response other = post("/api/2.0/mlflow/experiments/create", "{\"name\": \"other\"}",
                "Content-Type: application/json", "Origin: https://attacker.example");

        assertThat(preflight.status()).isLessThan(300);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://dashboard.example");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("content-type");
        assertThat(write.status()).isEqualTo(200);
        assertThat(write.header("Access-Control-Allow-Origin")).isEqualTo("https://dashboard.example");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }
}
