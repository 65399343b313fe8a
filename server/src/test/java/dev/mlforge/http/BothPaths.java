package dev.mlforge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlforge.api.ErrorCode;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A server of one feature's {@link DataPlaneRoute}s, to which a test sends each request once as a plain client sends
 * it (the lean data plane answers) and once with {@code Accept-Encoding: br}, which only the router serves, each with a
 * fixed {@code X-Request-ID}; and the check that both answers are the same.
 */
final class BothPaths implements AutoCloseable {
    /** Bearer tokens: {@code writer} holds WRITE, {@code reader} READ, {@code nobody} only PUBLIC; no header is anonymous. */
    static final Authenticator TOKENS = request -> {
        String header = request.header("Authorization");
        if (header == null) {
            return new RequestIdentity("anonymous", false, Role.PUBLIC);
        }
        return switch (header) {
            case "Bearer writer" -> new RequestIdentity("wanda", true, Role.WRITE);
            case "Bearer reader" -> new RequestIdentity("rita", true, Role.READ);
            case "Bearer nobody" -> new RequestIdentity("nora", true, Role.PUBLIC);
            default -> throw new MlforgeException(ErrorCode.UNAUTHENTICATED, "Unknown token");
        };
    };
    private static final List<String> COMPARED_HEADERS = List.of("Content-Type", "Retry-After", "WWW-Authenticate",
            "X-Request-ID", "X-Content-Type-Options", "X-Frame-Options");

    private final HttpServer server;

    /** Starts a server on a free loopback port with {@link #TOKENS}, {@code policy}, the data-plane routes and the router's routes. */
    BothPaths(AccessPolicy policy, RequestAudit audit, List<DataPlaneRoute> dataPlane,
            Consumer<RoutesConfig> routerRoutes) {
        Routes feature = new Routes() {
            @Override
            public void addTo(RoutesConfig routes) {
                routerRoutes.accept(routes);
            }

            @Override
            public List<DataPlaneRoute> dataPlaneRoutes() {
                return dataPlane;
            }
        };
        server = new HttpServer(HttpSettings.of("127.0.0.1", 0, 1 << 20), TOKENS, policy, audit, List.of(feature)).start();
    }

    int port() {
        return server.port();
    }

    /** POSTs {@code body} to {@code path} over the lean path, or over the router when {@code viaRouter}. */
    RawHttp.Response send(boolean viaRouter, String path, String host, String body, String... headers) throws Exception {
        List<String> lines = new ArrayList<>(List.of(headers));
        lines.add("X-Request-ID: fixed-id");
        if (viaRouter) {
            lines.add("Accept-Encoding: br");
        }
        return RawHttp.send(server.port(), "POST", path, host, body, lines.toArray(String[]::new));
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A refusal or error answered alike by both paths: status, body and the headers a client reads. */
    static void assertSameRefusal(RawHttp.Response lean, RawHttp.Response router, String what) {
        assertThat(lean.status()).as(what).isGreaterThanOrEqualTo(400).isEqualTo(router.status());
        assertThat(lean.body()).as(what).isEqualTo(router.body());
        for (String header : COMPARED_HEADERS) {
            assertThat(lean.header(header)).as(what + " " + header).isEqualTo(router.header(header));
        }
    }
}
