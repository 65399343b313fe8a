package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.testing.ApplicationExtension;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route declares the role it needs when it is registered, and one access check at the door compares it with
 * the identity the {@link Authenticator} established. Without authentication every request is anonymous,
 * unauthenticated and granted every role.
 */
class RouteRolesTest {
    @RegisterExtension
    final ApplicationExtension app = ApplicationExtension.sqlite().startOnFirstUse();

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Bearer tokens naming a role: {@code Bearer reader}, {@code Bearer writer}, {@code Bearer admin}; none is anonymous. */
    private static final Authenticator TOKENS = request -> {
        String header = request.header("Authorization");
        if (header == null) {
            return new RequestIdentity("anonymous", false, Role.PUBLIC);
        }
        return switch (header) {
            case "Bearer reader" -> new RequestIdentity("rita", true, Role.READ);
            case "Bearer writer" -> new RequestIdentity("walt", true, Role.WRITE);
            case "Bearer admin" -> new RequestIdentity("ada", true, Role.ADMIN);
            default -> throw new MlforgeException(ErrorCode.UNAUTHENTICATED, "Unknown token");
        };
    };

    private void start(Authenticator authenticator) {
        server = new HttpServer(HttpSettings.of("127.0.0.1", 0, 1 << 20), authenticator, List.of(
                new SystemRoutes("test", () -> true, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                routes -> {
                    routes.get("/who", ctx -> ctx.json(RequestIdentity.of(ctx)), Role.READ);
                    routes.post("/things", ctx -> ctx.json(Map.of("created", true)), Role.WRITE);
                    routes.put("/rules", ctx -> ctx.json(Map.of("ruled", true)), Role.ADMIN);
                    routes.get("/undeclared", ctx -> ctx.result("looked"));
                    routes.post("/undeclared", ctx -> ctx.result("changed"));
                }));
        server.start();
    }

    private RawHttp.Response send(String method, String path, String token) throws Exception {
        String body = method.equals("GET") ? null : "{}";
        return token == null
                ? RawHttp.send(server.port(), method, path, "localhost", body, "Content-Type: application/json")
                : RawHttp.send(server.port(), method, path, "localhost", body, "Content-Type: application/json",
                        "Authorization: Bearer " + token);
    }

    @Test
    void every_route_of_the_application_declares_its_role() {
        Map<String, Role> roles = app.application().routeRoles();

        assertThat(roles).hasSizeGreaterThan(80);
        assertThat(roles.entrySet()).filteredOn(entry -> entry.getValue() == null).isEmpty();
        assertThat(roles).containsEntry("GET /health/ready", Role.PUBLIC)
                .containsEntry("GET /api/2.0/mlflow/runs/get", Role.READ)
                .containsEntry("POST /api/2.0/mlflow/runs/search", Role.READ)
                .containsEntry("POST /api/2.0/mlflow/runs/log-batch", Role.WRITE)
                .containsEntry("PUT /api/2.0/mlflow-artifacts/artifacts/<path>", Role.WRITE)
                .containsEntry("POST /api/v1/alert-rules", Role.ADMIN)
                .containsEntry("PUT /api/v1/registry/models/{name}/approval-rule", Role.ADMIN);
    }

    @Test
    void without_authentication_every_role_is_granted_to_an_unauthenticated_anonymous_identity() throws Exception {
        start(Authenticator.none());

        RawHttp.Response who = send("GET", "/who", null);
        assertThat(who.status()).isEqualTo(200);
        assertThat(who.json().path("name").asText()).isEqualTo("anonymous");
        assertThat(who.json().path("authenticated").asBoolean()).isFalse();
        assertThat(send("PUT", "/rules", null).status()).isEqualTo(200);
    }

    @Test
    void the_authenticated_identity_reaches_the_handler() throws Exception {
        start(TOKENS);

        RawHttp.Response who = send("GET", "/who", "writer");
        assertThat(who.json().path("name").asText()).isEqualTo("walt");
        assertThat(who.json().path("authenticated").asBoolean()).isTrue();
    }

    @Test
    void a_role_allows_its_routes_and_those_of_lower_roles_only() throws Exception {
        start(TOKENS);

        assertThat(send("GET", "/who", "reader").status()).isEqualTo(200);
        RawHttp.Response readerWrites = send("POST", "/things", "reader");
        assertThat(readerWrites.status()).isEqualTo(403);
        assertThat(readerWrites.json().path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(readerWrites.json().path("message").asText()).contains("rita").contains("WRITE");
        assertThat(send("POST", "/things", "writer").status()).isEqualTo(200);
        assertThat(send("PUT", "/rules", "writer").status()).isEqualTo(403);
        assertThat(send("PUT", "/rules", "admin").status()).isEqualTo(200);
    }

    @Test
    void a_route_without_a_declared_role_needs_read_to_look_and_write_to_change() throws Exception {
        start(TOKENS);

        assertThat(send("GET", "/undeclared", "reader").status()).isEqualTo(200);
        assertThat(send("POST", "/undeclared", "reader").status()).isEqualTo(403);
        assertThat(send("POST", "/undeclared", "writer").status()).isEqualTo(200);
    }

    @Test
    void an_unauthenticated_caller_gets_401_except_on_public_probes() throws Exception {
        start(TOKENS);

        RawHttp.Response refused = send("GET", "/who", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error_code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(send("GET", "/health/ready", null).status()).isEqualTo(200);
        assertThat(send("GET", "/version", null).status()).isEqualTo(200);
        assertThat(send("GET", "/metrics", null).status()).isEqualTo(401);
    }

    @Test
    void credentials_the_authenticator_refuses_answer_401_before_the_route_runs() throws Exception {
        start(TOKENS);

        RawHttp.Response refused = send("POST", "/things", "forged");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("message").asText()).isEqualTo("Unknown token");
    }
}
