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
    /** Folds SQLite's staged metric log into the history; null on PostgreSQL, which writes the history directly. */
    private final MetricLogFolder folder;

    /**
     * @param ids       the source of run and logged-model ids
     * @param metricLog when the staged metric log is folded into the history
     */
    public Tracking(Database database, Clock clock, RandomGenerator ids, MetricLogConfig metricLog) {
        MetricLog log = new MetricLog(database);
        this.folder = log.staged() ? new MetricLogFolder(log, clock, metricLog) : null;
        this.service = new TrackingService(new JdbiTrackingStore(database, log), clock, ids);
        this.loggedModels = new LoggedModelService(new JdbiLoggedModelStore(database), service, clock, ids);
    }

    public TrackingService service() {
        return service;
    }

    public LoggedModelService loggedModels() {
        return loggedModels;
    }

    @Override
    public void start() {
        if (folder != null) {
            folder.start();
        }
    }

    @Override
    public void close() {
        if (folder != null) {
            folder.close();
        }
    }

    @Override
    public List<Routes> routes() {
        return List.of(new TrackingRoutes(service, loggedModels), new LoggedModelRoutes(loggedModels));
    }
}
