package dev.mlforge.features;

import dev.mlforge.cluster.Cluster;
import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.features.FeatureStore.Materialization;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled incremental materialization ({@code features.materialize-interval-seconds}): every online view whose last
 * materialization is at least one interval old (or of an older version, or never ran) is materialized again.
 *
 * <p>Servers sharing the store all check, and each due view is materialized by one of them: the checker holds the
 * lease {@code features:materialize:<view>} and checks again that the view is still due before running, so a server
 * that read the state just before another finished finds the fresh state, not a second run.
 */
final class MaterializationSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MaterializationSchedule.class);
    private static final Duration LONGEST_CHECK = Duration.ofSeconds(15);

    private final FeatureCatalog catalog;
    private final Materializer materializer;
    private final Cluster cluster;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;

    MaterializationSchedule(FeatureCatalog catalog, Materializer materializer, Cluster cluster, Clock clock, Duration interval) {
        this.catalog = catalog;
        this.materializer = materializer;
        this.cluster = cluster;
        this.clock = clock;
        this.interval = interval;
    }

    /** Checks every interval (at most every 15 s) on one daemon thread; nothing when the interval is zero. */
    synchronized void start() {
        if (interval.isZero() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mlforge-feature-materialization"));
        long period = Math.max(1, Math.min(interval.toMillis(), LONGEST_CHECK.toMillis()));
        executor.scheduleWithFixedDelay(this::runDueQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    /** Materializes the views that are due and that this server won; answers their names. */
    List<String> runDue() {
        List<String> ran = new ArrayList<>();
        for (FeatureView view : catalog.featureViews()) {
            if (!view.online() || !due(view)) {
                continue;
            }
            Optional<Cluster.Hold> hold = cluster.hold("features:materialize:" + view.name());
            if (hold.isEmpty()) {
                continue; // another server is materializing it
            }
            try (Cluster.Hold held = hold.get()) {
                if (due(view)) {
                    materializer.materialize(view.name());
                    ran.add(view.name());
                }
            } catch (RuntimeException e) {
                // one broken view (a missing source file) must not stop the others
                log.warn("Scheduled materialization of feature view {} failed: {}", view.name(), e.getMessage());
            }
        }
        return ran;
    }

    private boolean due(FeatureView view) {
        Optional<Materialization> state = materializer.state(view.name());
        return state.isEmpty() || state.get().viewVersion() != view.version()
                || state.get().materializedAt() + interval.toMillis() <= clock.millis();
    }

    private void runDueQuietly() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("Scheduled materialization failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
