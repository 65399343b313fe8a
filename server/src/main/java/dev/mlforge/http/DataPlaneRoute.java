package dev.mlforge.http;

import java.io.IOException;

/**
 * A POST route every prediction or ingest takes ({@code /v2/models/{name}/infer}, {@code .../invocations},
 * {@code runs/log-batch}). {@link HttpServer} registers it with the router like any route, and also answers it ahead
 * of the router, on Jetty's own request, when the request needs nothing the lean path leaves to the router (see
 * {@link LeanDataPlane}): the same handler, the same door and the same audit run either way.
 *
 * @param path        the path template, {@code {param}} segments matching one path segment
 * @param role        the role the route declares (READ or PUBLIC to look, WRITE to change; a write is audited)
 * @param parsesFirst true when the route parses its JSON body with {@link MlflowRequest#streaming} and the door's
 *                    checks of body fields wait for that parse ({@link RouteParsesFirst})
 * @param handler     the route: reads the exchange, answers the 200 body or throws {@link MlforgeException}
 */
public record DataPlaneRoute(String path, Role role, boolean parsesFirst, Handler handler) {
    public DataPlaneRoute {
        if (role.includes(Role.ADMIN)) {
            throw new IllegalArgumentException("Data-plane route " + path + " must not need the ADMIN role");
        }
    }

    /** A route whose door checks read the body before the route does. */
    public DataPlaneRoute(String path, Role role, Handler handler) {
        this(path, role, false, handler);
    }

    /** The route's work, free of the transport that carried the request. */
    @FunctionalInterface
    public interface Handler {
        Answer handle(DataPlaneExchange exchange) throws IOException;
    }

    /** A 200 answer: its media type and body. */
    public record Answer(String contentType, byte[] body) {}
}
