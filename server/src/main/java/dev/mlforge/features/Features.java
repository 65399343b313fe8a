package dev.mlforge.features;

import dev.mlforge.cluster.Cluster;
import dev.mlforge.concurrent.DaemonThreads;
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
    private final CachedOnlineStore onlineStore;
    private final MaterializationFollower materializations;
    private final Materializer materializer;
    private final OnlineFeatures online;
    private final TrainingSets trainingSets;
    private final MaterializationSchedule schedule;
    private final FeatureDrift drift;
    private final Cluster cluster;
    /**
     * Follows the definitions other servers sharing the store apply and the views they materialize; started only when the
     * store is shared.
     */
    private final java.util.concurrent.ScheduledExecutorService definitionsFollower =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mlforge-feature-definitions"));

    /**
     * {@code onlineStoreKind}: {@code embedded} (the backend store) or {@code redis} (at {@code redisUrl});
     * {@code materializeInterval}: how often online views are materialized on their own (zero: only when asked), once
     * across the servers of {@code cluster}.
     */
    public Features(Database database, DatasetService datasets, Path dataDir, Clock clock, String onlineStoreKind, String redisUrl,
            Cluster cluster, Duration materializeInterval) {
        this(database, datasets, dataDir, clock, onlineStoreKind, redisUrl, cluster, materializeInterval, "");
    }

    /** {@code sqlSourceTables}: the comma-separated tables SQL query sources may read; empty: SQL sources are off. */
    public Features(Database database, DatasetService datasets, Path dataDir, Clock clock, String onlineStoreKind, String redisUrl,
            Cluster cluster, Duration materializeInterval, String sqlSourceTables) {
        FeatureStore store = new JdbiFeatureStore(database);
        Path workDir = dataDir.resolve("features");
        SourceFiles sources = new SourceFiles(dataDir, datasets,
                new JdbiSqlSources(database, JdbiSqlSources.tables(sqlSourceTables), workDir.resolve("sql-sources")));
        OfflineEngine engine = new OfflineEngine(workDir.resolve("duckdb-tmp"));
        this.catalog = new FeatureCatalog(store, sources, clock);
        this.onlineStore = new CachedOnlineStore(
                "redis".equals(onlineStoreKind) ? new RedisOnlineStore(redisUrl) : new JdbiOnlineStore(database), 100_000, Duration.ofSeconds(60));
        this.materializations = new MaterializationFollower(store, onlineStore);
        this.materializer = new Materializer(catalog, store, onlineStore, engine, sources, clock);
        this.online = new OnlineFeatures(catalog, onlineStore, clock);
        this.trainingSets = new TrainingSets(catalog, engine, sources, datasets, workDir);
        this.drift = new FeatureDrift(catalog, engine, sources, clock);
        this.cluster = cluster;
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
        return List.of(new FeastRoutes(online), new FeatureRoutes(catalog, trainingSets, materializer, online, drift));
    }

    /** The views materialized now by the schedule (those due that this server won); for tests and operators. */
    public List<String> materializeDue() {
        return schedule.runDue();
    }

    @Override
    public void start() {
        schedule.start();
        if (cluster.shared()) {
            definitionsFollower.scheduleWithFixedDelay(this::followDefinitionsQuietly, cluster.pollInterval().toMillis(),
                    cluster.pollInterval().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Drops cached definitions another server sharing the store changed (the poller does it; for tests and operators). */
    public boolean followDefinitionChanges() {
        return catalog.followOtherServers();
    }

    /**
     * Drops the online values this server cached of the views another server sharing the store materialized (the poller
     * does it; for tests and operators); answers how many views that was.
     */
    public int followMaterializations() {
        return materializations.follow();
    }

    private void followDefinitionsQuietly() {
        try {
            catalog.followOtherServers();
            materializations.follow();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Features.class).warn("Cannot read the feature definitions' generation or "
                    + "materializations: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        definitionsFollower.shutdownNow();
        schedule.close();
        onlineStore.close();
    }
}
