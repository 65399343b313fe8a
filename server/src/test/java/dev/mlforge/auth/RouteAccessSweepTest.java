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
}
