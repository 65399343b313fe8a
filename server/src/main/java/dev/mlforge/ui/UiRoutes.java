package dev.mlforge.ui;

import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The UI's own routes: {@code /} leads to the experiments, {@code /ui} likewise, and the content-hashed assets are
 * served with a year-long immutable cache. Assets are public (the login page needs its stylesheet); pages are not.
 */
final class UiRoutes implements Routes {
    private final Assets assets;

    UiRoutes(Assets assets) {
        this.assets = assets;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/ui/experiments"), Role.PUBLIC);
        routes.get("/ui", ctx -> ctx.redirect("/ui/experiments"), Role.PUBLIC);
        routes.get(Assets.PREFIX + "{hash}/{file}", this::asset, Role.PUBLIC);
    }

    private void asset(Context ctx) {
        Assets.Asset asset = assets.served(ctx.pathParam("hash") + "/" + ctx.pathParam("file"));
        ctx.contentType(asset.contentType());
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.result(asset.bytes());
    }
}
