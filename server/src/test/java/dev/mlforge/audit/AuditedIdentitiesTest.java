package dev.mlforge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.Authenticator;
import dev.mlforge.http.HttpServer;
import dev.mlforge.http.HttpSettings;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.store.TestDatabases;
import dev.mlforge.testing.TestHttp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Authentication and permission failures are audited with the identity the door established: the application has no
 * authentication of its own yet, so the door is built here with an authenticator of bearer tokens naming roles (as
 * {@code RouteRolesTest} does) in front of the real audit feature on a real SQLite store.
 */
class AuditedIdentitiesTest {
    @RegisterExtension
    static final TestDatabases db = TestDatabases.sqlite();

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

    private Audit audit;
    private HttpServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        audit = new Audit(db.database(), AuditConfig.DEFAULTS, Clock.systemUTC());
        Routes things = routes -> {
            routes.get("/things", ctx -> ctx.json(Map.of("things", List.of())), Role.READ);
            routes.post("/things/{id}", ctx -> ctx.json(Map.of("created", true)), Role.WRITE);
        };
        List<Routes> routes = new ArrayList<>(audit.routes());
        routes.add(things);
        server = new HttpServer(HttpSettings.of("127.0.0.1", 0, 1 << 20), TOKENS, audit.requests(), routes).start();
        audit.start();
        http = new TestHttp("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
        audit.close();
    }

    private TestHttp.Response send(String method, String path, String token) {
        return http.send(method, path, "application/json", method.equals("GET") ? null : "{}",
                "Authorization", "Bearer " + token);
    }

    private JsonNode latest() {
        return send("GET", "/api/v1/audit?max_results=1", "admin").json(200).path("records").get(0);
    }

    @Test
    void a_permission_failure_is_recorded_with_the_authenticated_caller() {
        assertThat(send("POST", "/things/7", "reader").status()).isEqualTo(403);

        JsonNode record = latest();
        assertThat(record.path("user").asText()).isEqualTo("rita");
        assertThat(record.path("authenticated").asBoolean()).isTrue();
        assertThat(record.path("action").asText()).isEqualTo("POST /things/{id}");
        assertThat(record.path("resource").asText()).isEqualTo("id=7");
        assertThat(record.path("status").asInt()).isEqualTo(403);
        assertThat(record.path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
    }

    @Test
    void an_authentication_failure_is_recorded_even_on_a_read_without_the_presented_token() {
        assertThat(send("GET", "/things", "stolen-or-guessed-token").status()).isEqualTo(401);

        JsonNode record = latest();
        assertThat(record.path("user").asText()).isEqualTo("anonymous");
        assertThat(record.path("authenticated").asBoolean()).isFalse();
        assertThat(record.path("action").asText()).isEqualTo("GET /things");
        assertThat(record.path("error_code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(record.toString()).doesNotContain("stolen-or-guessed-token");
    }

    @Test
    void an_allowed_write_is_recorded_with_its_caller_and_an_allowed_read_is_not() {
        send("POST", "/things/8", "writer").ok();
        send("GET", "/things", "reader").ok();

        JsonNode record = latest();
        assertThat(record.path("user").asText()).isEqualTo("walt");
        assertThat(record.path("action").asText()).isEqualTo("POST /things/{id}");
        assertThat(record.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void only_admins_list_or_verify_the_trail_and_a_refused_look_is_recorded() {
        assertThat(send("GET", "/api/v1/audit", "writer").status()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/audit/verify", "reader").status()).isEqualTo(403);

        assertThat(latest().path("action").asText()).isEqualTo("GET /api/v1/audit/verify");
        JsonNode verdict = send("GET", "/api/v1/audit/verify", "admin").json(200);
        assertThat(verdict.path("valid").asBoolean()).isTrue();
    }
}
