package dev.mlforge.monitoring;

import dev.mlforge.cluster.Cluster;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.events.EventBus;
import dev.mlforge.http.Feature;
import dev.mlforge.http.Routes;
import dev.mlforge.monitoring.alerts.AlertRoutes;
import dev.mlforge.monitoring.alerts.AlertService;
import dev.mlforge.monitoring.monitors.ArtifactCsvReferenceSource;
import dev.mlforge.monitoring.monitors.CalculatorDriftEvaluator;
import dev.mlforge.monitoring.monitors.EngineDrift;
import dev.mlforge.monitoring.monitors.MonitorRoutes;
import dev.mlforge.monitoring.monitors.MonitorService;
import dev.mlforge.monitoring.monitors.PredictionLogReader;
import dev.mlforge.monitoring.monitors.PredictionLogWindowSource;
import dev.mlforge.monitoring.monitors.ReferenceLocator;
import dev.mlforge.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The monitoring feature assembled from its parts: drift monitors over serving's prediction log, alert rules and
 * their webhooks, and their routes. Monitor schedules and webhook retries share one executor.
 */
public final class Monitoring implements Feature {
    private final MonitorService monitors;
    private final AlertService alerts;

    /**
     * @param references  where a monitor's reference dataset or run artifact lives (datasets and tracking answer it)
     * @param predictions serving's prediction log
     */
    public Monitoring(Database database, ArtifactRepository artifacts, ReferenceLocator references,
            PredictionLogReader predictions, MonitoringConfig config, EventBus events, MeterRegistry metrics, Clock clock) {
        this(database, artifacts, references, predictions, config, events, metrics, clock, Cluster.single("local"));
    }

    /** As above; with servers sharing the store, each scheduled monitor run happens on one of them. */
    public Monitoring(Database database, ArtifactRepository artifacts, ReferenceLocator references,
            PredictionLogReader predictions, MonitoringConfig config, EventBus events, MeterRegistry metrics, Clock clock,
            Cluster cluster) {
        ScheduledExecutorService executor = MonitorService.newExecutor();
        this.alerts = AlertService.create(database, new LazyHttpClient(), executor, config.webhooks(), events, clock);
        this.monitors = MonitorService.create(database, new ArtifactCsvReferenceSource(artifacts, references),
                new PredictionLogWindowSource(predictions), new CalculatorDriftEvaluator(), alerts, events, metrics,
                executor, clock, cluster, config.largeDrift() == null ? null : new EngineDrift(config.largeDrift().thresholdBytes(),
                        config.largeDrift().memoryLimit(), config.largeDrift().spillDirectory()));
    }

    public MonitorService monitors() {
        return monitors;
    }

    public AlertService alerts() {
        return alerts;
    }

    @Override
    public List<Routes> routes() {
        return List.of(new MonitorRoutes(monitors), new AlertRoutes(alerts));
    }

    /** Arms the schedules of the stored monitors. */
    @Override
    public void start() {
        monitors.start();
    }

    @Override
    public void close() {
        monitors.close();
    }

    /** Webhooks' HTTP client, built at the first notification: building one loads TLS, 0.15 s of start-up otherwise. */
    private static final class LazyHttpClient implements Supplier<HttpClient> {
        private volatile HttpClient client;

        @Override
        public HttpClient get() {
            if (client == null) {
                synchronized (this) {
                    if (client == null) {
                        client = HttpClient.newHttpClient();
                    }
                }
            }
            return client;
        }
    }
}
