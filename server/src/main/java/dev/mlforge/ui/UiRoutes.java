package dev.mlforge.ui;

import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

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
        routes.get("/ui/logout", UiRoutes::logout, Role.PUBLIC);
    }

    /**
     * Signs out of Basic authentication the only way browsers allow: a 401 with a challenge makes them forget the
     * credentials they cached for the realm.
     */
    private static void logout(Context ctx) {
        ctx.status(401).header("WWW-Authenticate", "Basic realm=\"mlforge\"").header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
                + "<title>Signed out · mlforge</title><main><h1>Signed out</h1>"
                + "<p><a href=\"/ui/experiments\">Sign in again</a></p></main></html>");
    }

    private void asset(Context ctx) {
        Assets.Asset asset = assets.served(ctx.pathParam("hash") + "/" + ctx.pathParam("file"));
        ctx.contentType(asset.contentType());
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.result(asset.bytes());
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag webUI = ApiDoc.tag("Web UI");
        return List.of(
                webUI.get("/", "The web UI: redirects to the experiments page").withoutBody()
                        .status(302, "redirect to /ui/experiments"),
                webUI.get("/ui", "The web UI: redirects to the experiments page").withoutBody()
                        .status(302, "redirect to /ui/experiments"),
                webUI.get("/ui/assets/{hash}/{file}", "A UI asset (stylesheet, script, chart library) by content hash, cached a year")
                        .response("*/*").status(200, "the file"),
                webUI.get("/ui/logout", "Web UI: sign out of Basic authentication (a 401 challenge makes the browser forget its credentials)")
                        .withoutBody());
    }
}
