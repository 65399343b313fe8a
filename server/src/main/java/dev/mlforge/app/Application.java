package dev.mlforge.app;

import dev.mlforge.http.Authenticator;
import dev.mlforge.http.HttpServer;
import dev.mlforge.http.HttpSettings;
import dev.mlforge.http.Routes;
import dev.mlforge.http.SystemRoutes;
import dev.mlforge.artifacts.ArtifactDestination;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.artifacts.ArtifactRoutes;
import dev.mlforge.artifacts.LocalArtifactRepository;
import dev.mlforge.artifacts.RunArtifactLocator;
import dev.mlforge.artifacts.RunArtifactRoutes;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.InProcessEventBus;
import dev.mlforge.registry.Registry;
import dev.mlforge.registry.RunSource;
import dev.mlforge.registry.TrackingRunSource;
import dev.mlforge.serving.ModelSource;
import dev.mlforge.serving.Serving;
import dev.mlforge.serving.ServingConfig;
import dev.mlforge.monitoring.MonitoringConfig;
import dev.mlforge.monitoring.alerts.AlertRoutes;
import dev.mlforge.monitoring.alerts.AlertService;
import dev.mlforge.monitoring.monitors.ArtifactCsvReferenceSource;
import dev.mlforge.monitoring.monitors.CalculatorDriftEvaluator;
import dev.mlforge.monitoring.monitors.PredictionLogWindowSource;
import dev.mlforge.monitoring.monitors.MonitorRoutes;
import dev.mlforge.monitoring.monitors.MonitorService;
import dev.mlforge.monitoring.monitors.PredictionWindowSource;
import dev.mlforge.monitoring.monitors.ReferenceSource;
import dev.mlforge.datasets.DatasetRoutes;
import dev.mlforge.datasets.DatasetService;
import dev.mlforge.pipelines.PipelineRunner;
import dev.mlforge.pipelines.PipelinesConfig;
import dev.mlforge.pipelines.PipelinesFeature;
import dev.mlforge.pipelines.TrackingRunRecorder;
import dev.mlforge.store.Database;
import dev.mlforge.tracking.JdbiTrackingStore;
import dev.mlforge.tracking.TrackingRoutes;
import dev.mlforge.tracking.TrackingService;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and wires every part of the server, top to bottom; the only place objects are constructed. */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    /** Webhooks' HTTP client, built at the first notification: building one loads TLS, 0.15 s of start-up otherwise. */
    private final java.util.function.Supplier<HttpClient> webhookClient = new java.util.function.Supplier<>() {
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
    };

    private final ServerConfig config;
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final PrometheusMeterRegistry metrics;
    private final EventBus events;
    private final Database database;
    private final HttpServer http;
    private final LocalArtifactRepository artifacts;
    private final TrackingService tracking;
    private final Registry registry;
    private final Serving serving;
    private final MonitorService monitors;
    private final DatasetService datasets;
    private final PipelinesFeature pipelines;

    public Application(ServerConfig config) {
        this.config = config;
        createDirectories(config.dataDir());
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(metrics);
        closeables.add(gcMetrics);

        this.events = new InProcessEventBus();
        closeables.add(events);
        this.database = Database.open(config.backendStoreUri(), config.dataDir());
        closeables.add(database);

        List<Routes> routes = new ArrayList<>();
        routes.add(new SystemRoutes(Version.current(), ready::get, database::answers, metrics));
        // Features register their routes here, in the order: tracking, artifacts, registry, serving, monitoring, pipelines.
        // tracking
        this.tracking = new TrackingService(new JdbiTrackingStore(database), java.time.Clock.systemUTC(), new java.security.SecureRandom());
        routes.add(new TrackingRoutes(tracking));

        // artifacts
        this.artifacts = new LocalArtifactRepository(ArtifactDestination.folder(config));
        routes.add(new ArtifactRoutes(artifacts));
        RunArtifactLocator runArtifacts = tracking::runArtifactUri;
        routes.add(new RunArtifactRoutes(artifacts, runArtifacts));

        // registry
        RunSource registryRuns = new TrackingRunSource(tracking);
        this.registry = new Registry(database, artifacts, ArtifactDestination.folder(config), registryRuns, events,
                Clock.systemUTC());
        routes.addAll(registry.routes());

        // Serving: deployments, inference (MLflow scoring and Open Inference Protocol), prediction log.
        this.serving = new Serving(database, registry.modelSource(), ServingConfig.from(config.values()), events,
                registry.deploymentRecorder(), metrics);
        closeables.add(serving);
        routes.addAll(serving.routes(Version.current(), ready::get));

        // datasets (before monitoring, whose references they are)
        this.datasets = DatasetService.create(database, artifacts, Clock.systemUTC());
        routes.add(new DatasetRoutes(datasets));

        // monitoring
        PredictionWindowSource predictions = new PredictionLogWindowSource(new ServingPredictionLogReader(serving));
        ReferenceSource references = new ArtifactCsvReferenceSource(artifacts, new PlatformReferenceLocator(datasets, tracking));
        ScheduledExecutorService monitoringExecutor = MonitorService.newExecutor();
        AlertService alerts = AlertService.create(database, webhookClient, monitoringExecutor,
                MonitoringConfig.from(config.values()).webhooks(), Clock.systemUTC());
        this.monitors = MonitorService.create(database, references, predictions, new CalculatorDriftEvaluator(), alerts,
                events, metrics, monitoringExecutor, Clock.systemUTC());
        closeables.add(monitors);
        routes.add(new MonitorRoutes(monitors));
        routes.add(new AlertRoutes(alerts));

        // pipelines: runs recorded in tracking, models registered in the registry, deployed by serving
        this.pipelines = new PipelinesFeature(PipelinesConfig.from(config.values(), config.dataDir()), database, events,
                new TrackingRunRecorder(tracking, artifacts, Clock.systemUTC()),
                new RegistryModelRegistrar(registry.service(), registryRuns, artifacts),
                new ServingDeployer(serving.deployments()), datasets, Clock.systemUTC());
        closeables.add(pipelines);
        routes.add(pipelines.routes());

        this.http = new HttpServer(HttpSettings.from(config), Authenticator.none(), routes);
    }

    public Application start() {
        serving.start();
        http.start();
        monitors.start();
        pipelines.start();
        sweepAbandonedUploadsInBackground();
        ready.set(true);
        log.info("mlforge {} listening on http://{}:{} (data dir {}, store {})", Version.current(), config.host(),
                http.port(), config.dataDir(), database.dialect());
        return this;
    }

    /**
     * Removes temporary upload files a crash left in the artifact folder, off the start-up path (the folder may be
     * large). Files written to within the last hour are kept: another server may share the folder and be uploading.
     */
    private void sweepAbandonedUploadsInBackground() {
        Thread sweeper = new Thread(() -> {
            try {
                int deleted = artifacts.sweepAbandonedUploads(Instant.now().minus(Duration.ofHours(1)));
                if (deleted > 0) {
                    log.info("Removed {} abandoned upload file(s) from {}", deleted, artifacts.root());
                }
            } catch (RuntimeException e) {
                log.warn("Cannot sweep abandoned uploads: {}", e.getMessage());
            }
        }, "mlforge-upload-sweeper");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    public int port() {
        return http.port();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:5000}. */
    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port();
    }

    /** Each HTTP route with the role it declared (see {@link HttpServer#routeRoles()}). */
    public java.util.Map<String, dev.mlforge.http.Role> routeRoles() {
        return http.routeRoles();
    }

    public Database database() {
        return database;
    }

    /** The artifact store, for the features that read or write artifacts (registry, serving, pipelines). */
    public ArtifactRepository artifacts() {
        return artifacts;
    }

    public TrackingService tracking() {
        return tracking;
    }

    /** The model registry (its service, approvals and lineage). */
    public Registry registry() {
        return registry;
    }

    /** Resolves {@code models:/} and {@code runs:/} URIs to verified local model files, for serving. */
    public ModelSource modelSource() {
        return registry.modelSource();
    }

    public EventBus events() {
        return events;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public Serving serving() {
        return serving;
    }

    public MonitorService monitors() {
        return monitors;
    }

    public DatasetService datasets() {
        return datasets;
    }

    public PipelinesFeature pipelines() {
        return pipelines;
    }

    /** Runs pipeline files in this process, recording into this server's tracking, registry and serving. */
    public PipelineRunner pipelineRunner() {
        return pipelines.runner();
    }

    @Override
    public void close() {
        ready.set(false);
        http.stop();
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                log.warn("Failed to close {}", closeables.get(i), e);
            }
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new dev.mlforge.config.ConfigException("Cannot create data dir " + dir + " (key 'data-dir'): " + e.getMessage());
        }
    }
}
