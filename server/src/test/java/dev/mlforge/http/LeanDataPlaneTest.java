package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.ErrorCode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lean data plane answers {@link DataPlaneRoute}s ahead of the router with the same door, answers and audit: each
 * request is sent as a plain client sends it (lean path) and once more with {@code Accept-Encoding: br}, which only
 * the router serves, and both answers must be the same. The route reports which path carried it.
 */
class LeanDataPlaneTest {
    private final List<AuditedRequest> audited = Collections.synchronizedList(new ArrayList<>());
    private BothPaths server;

    @BeforeEach
    void start() {
        DataPlaneRoute.Handler echo = exchange -> {
            String name = exchange.pathParam("name");
            switch (name) {
                case "busy" -> {
                    exchange.answerHeader("Retry-After", "1");
                    throw new MlforgeException(ErrorCode.TEMPORARILY_UNAVAILABLE, "Queue full");
                }
                case "broken" -> throw new IllegalStateException("boom");
                case "large" -> {
                    return new DataPlaneRoute.Answer("application/json", ("{\"values\": \"" + "7".repeat(4000) + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }
                default -> { }
            }
            String via = exchange instanceof LeanExchange ? "lean" : "router";
            exchange.answerHeader("X-Via", via);
            String json = "{\"name\": \"" + name + "\", \"version\": \"" + exchange.pathParam("version") + "\", \"bytes\": "
                    + exchange.body().length + "}";
            return new DataPlaneRoute.Answer("application/json", json.getBytes(StandardCharsets.UTF_8));
        };
        server = new BothPaths(AccessPolicy.roles(), audited::add,
                List.of(new DataPlaneRoute("/v2/models/{name}/infer", Role.READ, echo),
                        new DataPlaneRoute("/v2/models/{name}/versions/{version}/infer", Role.READ, echo),
                        new DataPlaneRoute("/api/v1/deployments/{name}/invocations", Role.READ, echo)),
                routes -> routes.get("/v2/models/{name}", ctx -> ctx.result("metadata"), Role.READ));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void plain_requests_take_the_lean_path_and_others_the_router_with_the_same_answer() throws Exception {
        RawHttp.Response lean = server.send(false, "/v2/models/iris/versions/3/infer", "localhost", "{\"a\": 1}",
                "Content-Type: application/json", "Authorization: Bearer reader");
        RawHttp.Response router = server.send(true, "/v2/models/iris/versions/3/infer", "localhost", "{\"a\": 1}",
                "Content-Type: application/json", "Authorization: Bearer reader");

        assertThat(lean.status()).as(lean.body()).isEqualTo(200);
        assertThat(lean.header("X-Via")).isEqualTo("lean");
        assertThat(router.header("X-Via")).isEqualTo("router");
        assertThat(lean.body()).isEqualTo(router.body()).isEqualTo("{\"name\": \"iris\", \"version\": \"3\", \"bytes\": 8}");
        for (String header : List.of("Content-Type", "X-Content-Type-Options", "X-Frame-Options")) {
            assertThat(lean.header(header)).as(header).isNotNull().isEqualTo(router.header(header));
        }
        RawHttp.Response withOrigin = server.send(false, "/v2/models/iris/infer", "localhost", "{}",
                "Content-Type: application/json", "Origin: http://localhost", "Authorization: Bearer reader");
        assertThat(withOrigin.header("X-Via")).isEqualTo("router");
        RawHttp.Response trailingSlash = server.send(false, "/v2/models/iris/infer/", "localhost", "{}",
                "Content-Type: application/json", "Authorization: Bearer reader");
        assertThat(trailingSlash.header("X-Via")).isEqualTo("router");
    }

    @Test
    void refusals_and_errors_are_answered_and_audited_the_same_on_both_paths() throws Exception {
        record Case(String path, String host, String body, String[] headers) {}
        String json = "Content-Type: application/json";
        List<Case> cases = List.of(
                new Case("/v2/models/iris/infer", "evil.example", "{}", new String[]{json, "Authorization: Bearer reader"}),
                new Case("/v2/models/iris/infer", "localhost", "{}", new String[]{json}),
                new Case("/v2/models/iris/infer", "localhost", "{}", new String[]{json, "Authorization: Bearer nobody"}),
                new Case("/v2/models/iris/infer", "localhost", "{}", new String[]{json, "Authorization: Bearer forged"}),
                new Case("/v2/models/iris/infer", "localhost", "{}", new String[]{"Authorization: Bearer reader"}),
                new Case("/v2/models/iris/infer", "localhost", "a=1", new String[]{"Content-Type: text/plain", "Authorization: Bearer reader"}),
                new Case("/v2/models/iris/infer", "localhost", "[1, 2]", new String[]{json, "Authorization: Bearer reader"}),
                // The scoring route checks its own JSON (in MLflow's words); the door still checks the media type.
                new Case("/api/v1/deployments/iris/invocations", "localhost", "a=1", new String[]{"Content-Type: text/plain", "Authorization: Bearer reader"}),
                new Case("/api/v1/deployments/iris/invocations", "localhost", "{}", new String[]{json}),
                new Case("/v2/models/busy/infer", "localhost", "{}", new String[]{json, "Authorization: Bearer reader"}),
                new Case("/api/v1/deployments/broken/invocations", "localhost", "{}", new String[]{json, "Authorization: Bearer reader"}));
        for (Case sent : cases) {
            audited.clear();
            RawHttp.Response lean = server.send(false, sent.path(), sent.host(), sent.body(), sent.headers());
            List<AuditedRequest> leanAudit = List.copyOf(audited);
            audited.clear();
            RawHttp.Response router = server.send(true, sent.path(), sent.host(), sent.body(), sent.headers());
            List<AuditedRequest> routerAudit = List.copyOf(audited);

            String what = sent.path() + " " + List.of(sent.headers()) + " host " + sent.host();
            BothPaths.assertSameRefusal(lean, router, what);
            assertThat(leanAudit).as(what).isEqualTo(routerAudit);
        }
    }

    @Test
    void refused_identities_are_audited_with_the_route_and_its_parameters() throws Exception {
        RawHttp.Response refused = server.send(false, "/v2/models/iris/versions/2/infer", "localhost", "{}",
                "Content-Type: application/json", "Authorization: Bearer nobody");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).contains("nora");
        assertThat(audited).singleElement().satisfies(record -> {
            assertThat(record.route()).isEqualTo("/v2/models/{name}/versions/{version}/infer");
            assertThat(record.resource()).isEqualTo(Map.of("name", "iris", "version", "2"));
            assertThat(record.identity().name()).isEqualTo("nora");
            assertThat(record.requestId()).isEqualTo("fixed-id");
            assertThat(record.errorCode()).isEqualTo("PERMISSION_DENIED");
        });
    }

    @Test
    void large_answers_are_gzipped_for_clients_that_accept_it() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v2/models/large/infer"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer reader")
                .header("Accept-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("{\"values\": \"" + "7".repeat(4000) + "\"}");
    }
}
