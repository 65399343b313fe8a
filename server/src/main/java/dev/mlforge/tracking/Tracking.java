package dev.mlforge.tracking;

import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

/** The tracking feature assembled from its parts: experiments, runs, params, metrics, tags and logged models, and their MLflow routes. */
public final class Tracking implements Feature {
    private final TrackingService service;
    private final LoggedModelService loggedModels;

    /** @param ids the source of run and logged-model ids */
    public Tracking(Database database, Clock clock, RandomGenerator ids) {
        this.service = new TrackingService(new JdbiTrackingStore(database), clock, ids);
        this.loggedModels = new LoggedModelService(new JdbiLoggedModelStore(database), service, clock, ids);
    }

    public TrackingService service() {
        return service;
    }

    public LoggedModelService loggedModels() {
        return loggedModels;
    }

    @Override
    public List<Routes> routes() {
        return List.of(new TrackingRoutes(service, loggedModels), new LoggedModelRoutes(loggedModels));
    }
}
