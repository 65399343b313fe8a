package dev.mlforge.features;

import dev.mlforge.features.FeatureStore.Materialization;
import dev.mlforge.features.OnlineStore.OnlineRow;
import dev.mlforge.http.MlforgeException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental materialization: the latest row per entity key among the source rows newer than the view's watermark
 * (and not after now), written to the online store; the watermark then moves to the newest event time seen. A new
 * version of the view starts over from an empty online table. Rows that arrive later with an event time at or before
 * the watermark are not picked up (as Feast's materialize-incremental): materialize again after re-applying.
 */
public final class Materializer {
    private final FeatureCatalog catalog;
    private final FeatureStore store;
    private final OnlineStore online;
    private final OfflineEngine engine;
    private final SourceFiles sources;
    private final Clock clock;

    Materializer(FeatureCatalog catalog, FeatureStore store, OnlineStore online, OfflineEngine engine, SourceFiles sources,
            Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.online = online;
        this.engine = engine;
        this.sources = sources;
        this.clock = clock;
    }

    /** Materializes the latest version of view {@code name}; answers the view's state after this run. */
    public synchronized Materialization materialize(String name) {
        FeatureView view = catalog.featureView(name, null);
        if (!view.online()) {
            throw MlforgeException.invalidState("Feature view '" + name + "' is not online (online: false): nothing to materialize");
        }
        Materialization previous = store.materialization(name).orElse(null);
        Long watermark = null;
        if (previous != null && previous.viewVersion() == view.version()) {
            watermark = previous.watermark();
        } else {
            online.clear(name);
        }
        long now = clock.millis();
        List<OfflineEngine.LatestRow> latest = engine.latest(sources.file(view.source(), "feature view '" + name + "'"), view,
                catalog.joinKeys(view), watermark, now);
        List<OnlineRow> rows = new ArrayList<>(latest.size());
        long newest = watermark == null ? Long.MIN_VALUE : watermark;
        for (OfflineEngine.LatestRow row : latest) {
            rows.add(new OnlineRow(EntityKeys.encode(row.key()), row.eventMillis(), row.values()));
            newest = Math.max(newest, row.eventMillis());
        }
        online.write(name, rows);
        if (!rows.isEmpty()) {
            store.saveStatistics(FeatureStatistics.of(view, rows, now));
        }
        Materialization state = new Materialization(name, view.version(), newest == Long.MIN_VALUE ? null : newest, rows.size(),
                now);
        store.saveMaterialization(state);
        return state;
    }

    /** The statistics of the view's latest materialization that wrote rows; 404 when there is none. */
    public FeatureStatistics statistics(String name) {
        catalog.featureView(name, null);
        return store.statistics(name).orElseThrow(() -> MlforgeException.notFound("Feature view '" + name
                + "' has no statistics yet: materialize it"));
    }

    /** Where the view's materialization stands, if it ever ran. */
    public java.util.Optional<Materialization> state(String name) {
        return store.materialization(name);
    }
}
