package dev.mlforge.features;

import dev.mlforge.api.features.GetOnlineFeaturesRequest;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.DataPlaneExchange;
import dev.mlforge.http.DataPlaneRoute;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /get-online-features}: Feast's feature-server route, with its request and response shapes. It is a
 * data-plane route, answered ahead of Javalin's router like V2 inference (the same door, audit and answers): at 16
 * connections the router's per-request work around a lookup of tens of microseconds was most of the server's time.
 */
final class FeastRoutes implements Routes {
    private final OnlineFeatures online;

    FeastRoutes(OnlineFeatures online) {
        this.online = online;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        // the one route is a data-plane route: the server registers it with the router too
    }

    @Override
    public boolean dataPlane() {
        return true;
    }

    @Override
    public List<DataPlaneRoute> dataPlaneRoutes() {
        return List.of(new DataPlaneRoute("/get-online-features", Role.READ, this::lookup));
    }

    private DataPlaneRoute.Answer lookup(DataPlaneExchange exchange) throws IOException {
        return new DataPlaneRoute.Answer("application/json", online.answer(FeatureRoutes.body(exchange.body())));
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag features = ApiDoc.tag("Features");
        return List.of(
                features.post("/get-online-features", "Feast's feature-server lookup: online values of features for entity keys")
                        .request(GetOnlineFeaturesRequest.class).also(404, ""));
    }
}
