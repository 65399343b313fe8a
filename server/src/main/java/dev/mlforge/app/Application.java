package dev.mlforge.app;

import dev.mlforge.api.HttpServer;
import dev.mlforge.api.MlforgeException;
import dev.mlforge.api.Routes;
import dev.mlforge.api.SystemRoutes;
import dev.mlforge.artifacts.ArtifactDestination;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.artifacts.ArtifactRoutes;
import dev.mlforge.artifacts.ArtifactUris;
import dev.mlforge.artifacts.LocalArtifactRepository;
import dev.mlforge.artifacts.RunArtifactLocator;
import dev.mlforge.artifacts.RunArtifactRoutes;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.InProcessEventBus;
import dev.mlforge.monitoring.MonitoringConfig;
import dev.mlforge.monitoring.alerts.AlertRoutes;
import dev.mlforge.monitoring.alerts.AlertService;
import dev.mlforge.monitoring.monitors.ArtifactCsvReferenceSource;
import dev.mlforge.monitoring.monitors.CalculatorDriftEvaluator;
import dev.mlforge.monitoring.monitors.LoggedPrediction;
import dev.mlforge.monitoring.monitors.MonitorRoutes;
import dev.mlforge.monitoring.monitors.MonitorService;
import dev.mlforge.monitoring.monitors.PredictionLogReader;
import dev.mlforge.monitoring.monitors.PredictionLogWindowSource;
import dev.mlforge.monitoring.monitors.PredictionWindowSource;
import dev.mlforge.monitoring.monitors.ReferenceSource;
import dev.mlforge.registry.Registry;
import dev.mlforge.registry.TrackingRunSource;
import dev.mlforge.serving.ModelSource;
import dev.mlforge.serving.PredictionRecord;
import dev.mlforge.serving.Serving;
import dev.mlforge.serving.ServingConfig;
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

    private final ServerConfig config;
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final PrometheusMeterRegistry metrics;
    private final EventBus events;
    private final Database database;
    private final HttpServer http;
    private final TrackingService tracking;
    private final ArtifactRepository artifacts;
    private final Registry registry;
    private final Serving serving;
    private final dev.mlforge.pipelines.PipelinesFeature pipelines;
    private final MonitorService monitors;

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
        routes.add(new SystemRoutes(Version.current(), ready::get, metrics));
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
        this.registry = new Registry(database, artifacts, ArtifactDestination.folder(config), new TrackingRunSource(tracking),
                events, Clock.systemUTC());
        routes.addAll(registry.routes());

        // Serving: deployments, inference (MLflow scoring and Open Inference Protocol), prediction log.
        this.serving = new Serving(database, registry.modelSource(), ServingConfig.from(config.values()), events,
                registry.deploymentRecorder(), metrics);
        closeables.add(serving);
        routes.addAll(serving.routes(Version.current(), ready::get));

        // datasets
        dev.mlforge.datasets.DatasetService datasets = dev.mlforge.datasets.DatasetService.create(database, artifacts,
                java.time.Clock.systemUTC());
        routes.add(new dev.mlforge.datasets.DatasetRoutes(datasets));
        // monitoring
        PredictionWindowSource predictions = new PredictionLogWindowSource(new PredictionLogReader() {
            @Override
            public List<LoggedPrediction> newest(String deployment, int limit) {
                return logged(serving.recentPredictions(deployment, limit));
            }

            @Override
            public List<LoggedPrediction> since(String deployment, Instant since) {
                return logged(serving.recentPredictions(deployment, since));
            }
        });
        ReferenceSource references = new ArtifactCsvReferenceSource(artifacts, spec -> {
            if (spec.namesDataset()) {
                return datasets.version(spec.dataset(), spec.datasetVersion().toString()).artifactPath();
            }
            return ArtifactUris.relativePath(runArtifacts.artifactUri(spec.runId()), spec.artifactPath());
        });
        ScheduledExecutorService monitoringExecutor = MonitorService.newExecutor();
        AlertService alerts = AlertService.create(database, HttpClient.newHttpClient(), monitoringExecutor,
                MonitoringConfig.from(config.values()).webhooks(), Clock.systemUTC());
        this.monitors = MonitorService.create(database, references, predictions, new CalculatorDriftEvaluator(), alerts,
                events, metrics, monitoringExecutor, Clock.systemUTC());
        closeables.add(monitors);
        routes.add(new MonitorRoutes(monitors));
        routes.add(new AlertRoutes(alerts));

        // pipelines: models registered in a folder and deploy refused until the registry and serving are wired
        this.pipelines = new dev.mlforge.pipelines.PipelinesFeature(
                dev.mlforge.pipelines.PipelinesConfig.from(config.values(), config.dataDir()), database, events,
                new dev.mlforge.pipelines.TrackingRunRecorder(tracking, artifacts, java.time.Clock.systemUTC()),
                new dev.mlforge.pipelines.FolderModelRegistrar(config.dataDir().resolve("pipelines-registry")),
                dev.mlforge.pipelines.PipelinesFeature.noServing(), datasets, java.time.Clock.systemUTC());
        closeables.add(pipelines);
        routes.add(pipelines.routes());

        this.http = new HttpServer(config.host(), config.port(), config.maxRequestBytes(), routes);
    }

    public Application start() {
        serving.start();
        http.start();
        monitors.start();
        pipelines.start();
        ready.set(true);
        log.info("mlforge {} listening on http://{}:{} (data dir {}, store {})", Version.current(), config.host(),
                http.port(), config.dataDir(), database.dialect());
        return this;
    }

    public int port() {
        return http.port();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:5000}. */
    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port();
    }

    public Database database() {
        return database;
    }

    /** The tracking use cases, for the features that read runs (artifacts, registry, pipelines). */
    public TrackingService tracking() {
        return tracking;
    }

    /** The artifact store, for the features that read or write artifacts (registry, serving, pipelines). */
    public ArtifactRepository artifacts() {
        return artifacts;
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

    public dev.mlforge.pipelines.PipelinesFeature pipelines() {
        return pipelines;
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

    private static List<LoggedPrediction> logged(List<PredictionRecord> records) {
        return records.stream().map(record -> new LoggedPrediction(record.requestId(), record.version(), record.time(),
                record.inputsJson(), record.outputsJson(), record.label(), record.shadow())).toList();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new dev.mlforge.config.ConfigException("Cannot create data dir " + dir + " (key 'data-dir'): " + e.getMessage());
        }
    }
}
