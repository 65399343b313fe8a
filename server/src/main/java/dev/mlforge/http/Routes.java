package dev.mlforge.http;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP routes: each feature package has one implementation, registered in the application's wiring. */
public interface Routes {
    void addTo(RoutesConfig routes);

    /**
     * True for the routes every prediction takes: {@link HttpServer} registers them before all others, because
     * Javalin tries a method's routes in registration order, one regular expression each, and the MLflow API's
     * routes come first otherwise.
     */
    default boolean dataPlane() {
        return false;
    }

    /**
     * The POST routes every prediction (and every log-batch) takes, which {@link HttpServer} registers ahead of all
     * others and also answers before the router when it can (see {@link DataPlaneRoute}); they are not added by
     * {@link #addTo}.
     */
    default java.util.List<DataPlaneRoute> dataPlaneRoutes() {
        return java.util.List.of();
    }

    /**
     * What the OpenAPI description says of this feature's routes, data-plane routes included: one {@link ApiDoc} per
     * route, keyed by its method and path as registered ({@link OpenApiDocument} refuses one for a route not
     * registered). MLflow's routes may be left out: MLflow's reference documents them.
     */
    default java.util.List<ApiDoc> docs() {
        return java.util.List.of();
    }
}
