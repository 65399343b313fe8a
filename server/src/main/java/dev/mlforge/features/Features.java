package dev.mlforge.features;

import dev.mlforge.cluster.Cluster;
import dev.mlforge.datasets.DatasetService;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The feature store assembled: definitions in the backend store, DuckDB for point-in-time training sets and
 * materialization, the online store (embedded in the backend store, or Redis) behind an in-process cache, Feast's online route.
 */
public final class Features implements Feature {
    private final FeatureCatalog catalog;
    private final OnlineStore onlineStore;
    private final Materializer materializer;
    private final OnlineFeatures online;
    private final TrainingSets trainingSets;
    private final MaterializationSchedule schedule;

    /**
     * {@code onlineStoreKind}: {@code embedded} (the backend store) or {@code redis} (at {@code redisUrl});
     * {@code materializeInterval}: how often online views are materialized on their own (zero: only when asked), once
     * across the servers of {@code cluster}.
     */
    public Features(Database database, DatasetService datasets, Path dataDir, Clock clock, String onlineStoreKind, String redisUrl,
            Cluster cluster, Duration materializeInterval) {
        FeatureStore store = new JdbiFeatureStore(database);
        SourceFiles sources = new SourceFiles(dataDir, datasets);
        Path workDir = dataDir.resolve("features");
        OfflineEngine engine = new OfflineEngine(workDir.resolve("duckdb-tmp"));
        this.catalog = new FeatureCatalog(store, sources, clock);
        this.onlineStore = new CachedOnlineStore(
                "redis".equals(onlineStoreKind) ? new RedisOnlineStore(redisUrl) : new JdbiOnlineStore(database), 100_000, Duration.ofSeconds(60));
        this.materializer = new Materializer(catalog, store, onlineStore, engine, sources, clock);
        this.online = new OnlineFeatures(catalog, onlineStore, clock);
        this.trainingSets = new TrainingSets(catalog, engine, sources, datasets, workDir);
        this.schedule = new MaterializationSchedule(catalog, materializer, cluster, clock, materializeInterval);
    }

    public FeatureCatalog catalog() {
        return catalog;
    }

    public Materializer materializer() {
        return materializer;
    }

    public OnlineFeatures online() {
        return online;
    }

    public TrainingSets trainingSets() {
        return trainingSets;
    }

    @Override
    public List<Routes> routes() {
        return List.of(new FeastRoutes(online), new FeatureRoutes(catalog, trainingSets, materializer, online));
    }

    /** The views materialized now by the schedule (those due that this server won); for tests and operators. */
    public List<String> materializeDue() {
        return schedule.runDue();
    }

    @Override
    public void start() {
        schedule.start();
    }

    @Override
    public void close() {
        schedule.close();
        onlineStore.close();
    }
}
