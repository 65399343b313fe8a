package dev.mlforge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.http.Role;
import dev.mlforge.testing.ApplicationExtension;
import dev.mlforge.testing.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route the application registers, enumerated from the running server (so a new route is swept without being
 * listed here): each declares its role; with authentication on, a caller without credentials is refused (401) on
 * every route but the public probes, and a non-admin user is refused (403) on every ADMIN route.
 */
class RouteAccessSweepTest {
    @RegisterExtension
    static final ApplicationExtension server = ApplicationExtension.sqlite().withBasicAuth(Callers.ADMIN, Callers.ADMIN_PASSWORD);

    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "x").replaceAll("<[^>]+>", "x");
    }

    private static TestHttp.Response send(TestHttp http, String method, String path, String... headers) {
        boolean body = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        if (method.equals("POST") && path.equals("/api/v1/datasets")) {
            // the one upload whose body type the door checks before the workspace (BodyTypes): send what it accepts
            return http.send(method, path, "text/csv", "a\n1\n", headers);
        }
        return http.send(method, path, body ? "application/json" : null, body ? "{}" : null, headers);
    }

    @Test
    void every_route_declares_a_role() {
        Map<String, Role> roles = server.application().routeRoles();
        assertThat(roles).hasSizeGreaterThan(100);
        List<String> undeclared = roles.entrySet().stream().filter(entry -> entry.getValue() == null).map(Map.Entry::getKey).toList();
        assertThat(undeclared).as("routes registered without a role").isEmpty();
    }

    /** Public, and answers 401 on purpose: the challenge is what makes a browser forget its Basic credentials. */
    private static final String SIGNS_OUT = "GET /ui/logout";

    @Test
    void without_credentials_only_public_routes_answer_and_non_admins_never_pass_admin_routes() {
        new Callers(server.http()).createUser("rita", "rita-password");
        TestHttp anonymous = new TestHttp(server.baseUrl());
        List<String> wrong = new ArrayList<>();
        server.application().routeRoles().forEach((route, role) -> {
            String method = route.substring(0, route.indexOf(' '));
            if (method.equals("HEAD") || method.equals("OPTIONS") || SIGNS_OUT.equals(route)) {
                return;
            }
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            int status = send(anonymous, method, path).status();
            boolean refused = status == 401;
            if (role == Role.PUBLIC ? refused : !refused) {
                wrong.add("anonymous " + route + " (" + role + ") -> " + status);
            }
            if (role == Role.ADMIN) {
                int asReader = send(server.http(), method, path, "Authorization", Callers.basic("rita", "rita-password")).status();
                if (asReader != 403) {
                    wrong.add("reader " + route + " (ADMIN) -> " + asReader);
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    /**
     * The routes that belong to no workspace (about workspaces, users, tokens, the audit trail, the server, the web UI's
     * frame): the workspace header changes nothing there. Every other route is workspace-scoped.
     */
    private static final List<String> UNSCOPED = List.of("/api/3.0/mlflow/workspace", "/ajax-api/3.0/mlflow/workspace",
            "/api/3.0/mlflow/server-info", "/ajax-api/3.0/mlflow/server-info", "/api/2.0/mlflow/users/",
            "/ajax-api/2.0/mlflow/users/", "/api/v1/tokens", "/api/v1/audit", "/health", "/version", "/metrics", "/ui",
            "/v2/health");

    private static boolean unscoped(String path) {
        return path.equals("/") || UNSCOPED.stream().anyMatch(path::startsWith);
    }

    @Test
    void a_non_member_naming_another_workspace_is_refused_on_every_scoped_route_and_an_admin_passes_every_door() {
        Callers callers = new Callers(server.http());
        callers.createUser("nina", "nina-password");
        callers.admin("POST", "/api/3.0/mlflow/workspaces", java.util.Map.of("name", "team-z")).ok();
        String nina = Callers.basic("nina", "nina-password");
        String admin = Callers.basic(Callers.ADMIN, Callers.ADMIN_PASSWORD);
        List<String> wrong = new ArrayList<>();
        server.application().routeRoles().forEach((route, role) -> {
            String method = route.substring(0, route.indexOf(' '));
            if (method.equals("HEAD") || method.equals("OPTIONS") || role == Role.PUBLIC) {
                return;
            }
            String template = route.substring(route.indexOf(' ') + 1);
            String path = concrete(template);
            int inOther = send(server.http(), method, path, "Authorization", nina, "X-MLFLOW-WORKSPACE", "team-z").status();
            if (unscoped(template)) {
                int inDefault = send(server.http(), method, path, "Authorization", nina).status();
                if (inOther != inDefault) {
                    wrong.add("non-member " + route + " (no workspace) -> " + inOther + " with the header, " + inDefault + " without");
                }
            } else if (inOther != 403) {
                wrong.add("non-member naming team-z " + route + " -> " + inOther);
            }
            int asAdmin = send(server.http(), method, path, "Authorization", admin, "X-MLFLOW-WORKSPACE", "team-z").status();
            if (asAdmin == 401 || asAdmin == 403) {
                wrong.add("admin in team-z " + route + " -> " + asAdmin);
            }
        });
        assertThat(wrong).isEmpty();
    }
}
