package dev.mlforge.features;

import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;

/** {@code POST /get-online-features}: Feast's feature-server route, with its request and response shapes. */
final class FeastRoutes implements Routes {
    private final OnlineFeatures online;

    FeastRoutes(OnlineFeatures online) {
        this.online = online;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/get-online-features", ctx -> ctx.contentType("application/json")
                .result(online.answer(FeatureRoutes.body(ctx))), Role.READ);
    }

    @Override
    public boolean dataPlane() {
        return true;
    }
}
