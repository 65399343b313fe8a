package dev.mlforge.http;

import java.io.IOException;

/**
 * A POST route every prediction takes ({@code /v2/models/{name}/infer}, {@code .../invocations}). {@link HttpServer}
 * registers it with the router like any route, and also answers it ahead of the router, on Jetty's own request, when
 * the request needs nothing the lean path leaves to the router (see {@link LeanDataPlane}): the same handler and the
 * same door run either way.
 *
 * @param path    the path template, {@code {param}} segments matching one path segment
 * @param role    the role the route declares; data-plane routes only read (READ or PUBLIC)
 * @param handler the route: reads the exchange, answers the 200 body or throws {@link MlforgeException}
 */
public record DataPlaneRoute(String path, Role role, Handler handler) {
    public DataPlaneRoute {
        if (role.includes(Role.WRITE)) {
            throw new IllegalArgumentException("Data-plane route " + path + " must not change state (role " + role + ")");
        }
    }

    /** The route's work, free of the transport that carried the request. */
    @FunctionalInterface
    public interface Handler {
        Answer handle(DataPlaneExchange exchange) throws IOException;
    }

    /** A 200 answer: its media type and body. */
    public record Answer(String contentType, byte[] body) {}
}
