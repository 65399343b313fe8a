package dev.mlforge.ui;

import dev.mlforge.auth.BrowserSignIn;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The web UI served from the jar: server-rendered pages (jte templates compiled at build time) with small progressive
 * scripts, under {@code /ui/}. The UI has no data of its own and no door of its own: its routes pass the same
 * {@code RequestGuard} as the API, and the actions its scripts take call the REST API. Page families are added with
 * {@link #pages} by the application, each given the {@link PageKit} and the services it reads.
 */
public final class Ui implements Feature {
    /** The assets every page loads, registered at start so their URLs answer before any page named them. */
    static final List<String> PRELOADED = List.of("app.css", "app.js", "charts.js", "runs.js", "run.js", "compare.js",
            "webjar:echarts/dist/echarts.min.js");

    private final PageKit kit;
    private final List<Routes> routes = new ArrayList<>();

    /**
     * @param signIn       how people sign in (the sign-in pages and sessions)
     * @param basicSignOut true when browsers may also send Basic credentials (basic authentication), so the header
     *                     offers to sign out of those too
     * @param workspaces   the workspaces a caller may pick and what each holds
     */
    public Ui(BrowserSignIn signIn, boolean basicSignOut, UiWorkspaces workspaces) {
        Assets assets = new Assets(Ui.class.getClassLoader(), PRELOADED);
        this.kit = new PageKit(assets, basicSignOut, workspaces);
        routes.add(pages -> pages.beforeMatched("/ui/*", kit::enterWorkspace)); // after the door admitted the caller
        routes.add(new UiRoutes(assets));
        routes.add(new SignInRoutes(kit, signIn));
    }

    /** Adds a family of pages built from the kit (for example {@code kit -> new TrackingPages(kit, tracking)}). */
    public Ui pages(Function<PageKit, Routes> family) {
        routes.add(family.apply(kit));
        return this;
    }

    @Override
    public List<Routes> routes() {
        return List.copyOf(routes);
    }
}
