package dev.mlforge.ui.tracking;

import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import dev.mlforge.search.ResultPage;
import dev.mlforge.tracking.ExperimentEntity;
import dev.mlforge.tracking.TrackingService;
import dev.mlforge.ui.PageKit;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** The tracking pages: experiments, the runs of an experiment, a run, and the comparison of runs. */
public final class TrackingPages implements Routes {
    private static final int EXPERIMENTS_PAGE = 100;

    private final PageKit kit;
    private final TrackingService tracking;

    public TrackingPages(PageKit kit, TrackingService tracking) {
        this.kit = kit;
        this.tracking = tracking;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/ui/experiments", this::experiments, Role.READ);
    }

    private void experiments(Context ctx) {
        String filter = text(ctx.queryParam("filter"));
        String token = ctx.queryParam("page_token");
        ResultPage<ExperimentEntity> found = tracking.searchExperiments(filter.isEmpty() ? null : filter,
                List.of("last_update_time DESC"), "ACTIVE_ONLY", EXPERIMENTS_PAGE, token);
        List<ExperimentsPage.Row> rows = found.items().stream().map(TrackingPages::row).toList();
        String next = found.nextPageToken() == null ? null
                : "/ui/experiments?" + Formats.query("page_token", found.nextPageToken()) + "&" + Formats.query("filter", filter);
        kit.render(ctx, "tracking/experiments.jte", new ExperimentsPage(kit.frame(ctx, "Experiments", "experiments"),
                filter, rows, next));
    }

    private static ExperimentsPage.Row row(ExperimentEntity experiment) {
        return new ExperimentsPage.Row(experiment.experimentId(), experiment.name(), Formats.iso(experiment.creationTime()),
                Formats.shown(experiment.creationTime()), Formats.iso(experiment.lastUpdateTime()),
                Formats.shown(experiment.lastUpdateTime()), experiment.artifactLocation());
    }

    static String text(String value) {
        return value == null ? "" : value.trim();
    }
}
