package dev.mlforge.app;

import dev.mlforge.artifacts.ArtifactRepositories;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.artifacts.Artifacts;
import dev.mlforge.auth.Auth;
import dev.mlforge.auth.AuthMode;
import dev.mlforge.auth.AuthSettings;
import dev.mlforge.auth.ResourceKind;
import dev.mlforge.audit.Audit;
import dev.mlforge.audit.AuditConfig;
import dev.mlforge.cluster.Cluster;
import dev.mlforge.cluster.ClusterConfig;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.datasets.DatasetService;
import dev.mlforge.datasets.Datasets;
import dev.mlforge.datasets.DatasetsConfig;
import dev.mlforge.events.EventBus;
import dev.mlforge.features.Features;
import dev.mlforge.grpc.GrpcServer;
import dev.mlforge.grpc.GrpcSettings;
import dev.mlforge.http.AccessPolicy;
import dev.mlforge.http.Feature;
import dev.mlforge.ui.Ui;
import dev.mlforge.ui.Visibility;
import dev.mlforge.ui.ops.DataPages;
import dev.mlforge.ui.ops.OperationsPages;
import dev.mlforge.ui.ops.RegistryPages;
import dev.mlforge.ui.tracking.TrackingPages;
import dev.mlforge.http.HttpServer;
import dev.mlforge.http.HttpSettings;
import dev.mlforge.http.Routes;
import dev.mlforge.http.SystemRoutes;
import dev.mlforge.monitoring.Monitoring;
import dev.mlforge.monitoring.MonitoringConfig;
import dev.mlforge.monitoring.monitors.MonitorService;
import dev.mlforge.pipelines.PipelineRunner;
import dev.mlforge.pipelines.Pipelines;
import dev.mlforge.pipelines.PipelinesConfig;
import dev.mlforge.registry.Registry;
import dev.mlforge.registry.RunSource;
import dev.mlforge.serving.ModelSource;
import dev.mlforge.serving.PredictorProviders;
import dev.mlforge.serving.PredictionExports;
import dev.mlforge.serving.Serving;
import dev.mlforge.serving.ServingConfig;
import dev.mlforge.serving.python.PythonEnvironments;
import dev.mlforge.serving.python.PythonPredictorProvider;
import dev.mlforge.store.Database;
import dev.mlforge.tracing.Tracing;
import dev.mlforge.tracking.MetricLogConfig;
import dev.mlforge.tracking.Tracking;
import dev.mlforge.tracking.TrackingService;
import dev.mlforge.webhooks.Webhooks;
import dev.mlforge.webhooks.WebhooksConfig;
import dev.mlforge.workspaces.Workspaces;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and wires every part of the server, top to bottom; the only place objects are constructed. */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);

    private final ServerConfig config;
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final AtomicBoolean closed = new AtomicBoolean(false);
    /** Closed in reverse order after the features. */
    private final List<AutoCloseable> closeables = new ArrayList<>();
    /** Started in this order once the HTTP server listens, closed in reverse order. */
    private final List<Feature> features = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private final PrometheusMeterRegistry metrics;
    private final EventBus events;
    private final EventBus eventTransport;
    private final Database database;
    /** This server among those sharing its store (alone on SQLite). */
    private final Cluster cluster;
    private final ArtifactRepository artifactRepository;
    private final Audit audit;
    private final Tracking tracking;
    private final Workspaces workspaces;
    private final Auth auth;
    private final Artifacts artifacts;
    private final Tracing tracing;
    private final Registry registry;
    private final ModelSource modelSource;
    private final Serving serving;
    private final Datasets datasets;
    private final Monitoring monitoring;
    private final Pipelines pipelines;
    private final Webhooks webhooks;
    private final Ui ui;
    private final Features featureStore;
    private final HttpSettings httpSettings;
    private final HttpServer http;
    /** The gRPC services (Open Inference Protocol, OTLP trace export); null when {@code grpc-port} is -1. */
    private final GrpcServer grpc;

    public Application(ServerConfig config) {
        this.config = config;
        AuthSettings authSettings = AuthSettings.from(config.values());
        authSettings.checkBinding(config.host());
        createDirectories(config.dataDir());
        this.metrics = jvmMetrics();
        EventBus bus = closing(EventBuses.open(config.values()));
        this.database = closing(Database.open(config.backendStoreUri(), config.dataDir()));
        this.eventTransport = bus;
        this.events = new WorkspaceEvents(bus, database.workspace());
        this.cluster = closing(Cluster.open(database, ClusterConfig.from(config.values()), clock,
                "mlforge-" + ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8)));
        this.artifactRepository = closing(ArtifactRepositories.open(config));

        // audit first: closed last of the features, it writes the records of every request answered before
        this.audit = feature(new Audit(database, AuditConfig.from(config.values()), clock));

        this.tracking = feature(new Tracking(database, clock, new SecureRandom(), MetricLogConfig.from(config.values())));
        // identities and permissions: who calls (authenticator) and what they may do (policy) at the door
        TrackingResourceLocator locator = new TrackingResourceLocator(tracking.service(), tracking.loggedModels(),
                () -> tracing().service(), () -> registry().approvals(), () -> featureStore().catalog());
        // workspaces: the namespace of every request (X-MLFLOW-WORKSPACE), and memberships the permission checks read
        this.workspaces = feature(new Workspaces(database, locator, clock));
        this.auth = feature(new Auth(authSettings, config.values(), database, locator, workspaces.access(), clock,
                new SecureRandom(), cluster.shared() ? cluster.pollInterval() : null));
        this.artifacts = feature(new Artifacts(artifactRepository, tracking.service()::runArtifactUri,
                tracking.loggedModels()::artifactUri, clock));

        this.tracing = feature(new Tracing(database, new TrackingTraceExperiments(tracking.service()), clock, new SecureRandom()));

        RunSource registryRuns = new TrackingRunSource(tracking.service());
        this.registry = feature(new Registry(database, artifactRepository, registryRuns,
                new TrackingLoggedModelLocator(tracking.loggedModels()), events, clock));

        // serving: deployments, inference (MLflow scoring and Open Inference Protocol), prediction log
        this.modelSource = new RegistryModelSource(registry.resolver(), artifactRepository);
        ServingConfig servingConfig = ServingConfig.from(config.values());
        this.serving = feature(new Serving(database, modelSource, servingConfig, events,
                new RegistryDeploymentRecorder(registry.lineage()), metrics, clock, Version.current(), ready::get,
                PredictorProviders.discover(Application.class.getClassLoader())
                        .with(new PythonPredictorProvider(servingConfig.python(),
                                new PythonEnvironments(config.dataDir().resolve("python-envs"), servingConfig.python()))),
                cluster.shared() ? cluster.pollInterval() : null, new FeatureStoreOnlineSource(this::featureStore)));

        // prediction log exports written through the artifact repository (S3 with an S3 destination)
        feature(new PredictionExports(serving, artifactRepository));

        // datasets (before monitoring, whose references they are)
        this.datasets = feature(new Datasets(database, artifactRepository, clock, DatasetsConfig.from(config.values())));

        this.monitoring = feature(new Monitoring(database, artifactRepository,
                new PlatformReferenceLocator(datasets.service(), tracking.service()), new ServingPredictionLogReader(serving),
                MonitoringConfig.from(config.values(), config.dataDir()), events, metrics, clock, cluster));

        // feature store: definitions, point-in-time training sets registered as datasets, online serving (Feast's API);
        // before pipelines, whose features step builds its training sets
        this.featureStore = feature(new Features(database, datasets.service(), config.dataDir(), clock,
                config.values().string("features.online-store", "embedded"),
                config.values().string("features.redis-url", "redis://127.0.0.1:6379"), cluster,
                Duration.ofSeconds(config.values().longValue("features.materialize-interval-seconds", 0, 0, 2_592_000)),
                config.values().string("features.sql-source-tables", "")));

        // pipelines: runs recorded in tracking, models registered in the registry, deployed by serving
        this.pipelines = feature(new Pipelines(PipelinesConfig.from(config.values(), config.dataDir()), database, events,
                new TrackingRunRecorder(tracking.service(), artifactRepository, clock),
                new RegistryModelRegistrar(registry.service(), registryRuns, artifactRepository),
                new ServingDeployer(serving.deployments()), datasets.service(), clock, cluster,
                (name, features, service, entities, timestampColumn) -> featureStore.trainingSets()
                        .create(name, features, service, entities, timestampColumn).dataset(), artifactRepository));

        // webhooks: registry events POSTed to subscribers, as MLflow 3 does
        this.webhooks = feature(new Webhooks(database, WebhooksConfig.from(config.values()), events,
                new RegistryPromptModels(registry.service()), clock));

        // the web UI at / and /ui/: pages read the features' services; its scripts act through the REST API
        this.ui = feature(new Ui(auth.signIn(), authSettings.mode() == AuthMode.BASIC,
                new UiWorkspaceChoices(workspaces.service())));
        Visibility visibility = authSettings.mode() == AuthMode.NONE ? Visibility.all()
                : (identity, kind, id, access) -> auth.permissions().permits(identity, ResourceKind.valueOf(kind.name()), id,
                        access.name());
        ui.pages(kit -> new TrackingPages(kit, tracking.service(), tracking.loggedModels(), visibility));
        ui.pages(kit -> new RegistryPages(kit, registry.service(), registry.approvals(), registry.lineage(), visibility));
        ui.pages(kit -> new OperationsPages(kit, serving, monitoring.monitors(), monitoring.alerts(), metrics, clock, visibility));
        ui.pages(kit -> new DataPages(kit, datasets.service(), pipelines, tracing.service(), tracking.service(), visibility));

        this.httpSettings = HttpSettings.from(config);
        // one door policy for HTTP and gRPC: a gRPC call names its workspace in the x-mlflow-workspace metadata
        AccessPolicy door = workspaces.scope(auth.policy());
        this.http = new HttpServer(httpSettings, auth.authenticator(), door, audit.requests(), routes());
        GrpcSettings grpcSettings = GrpcSettings.from(config.values(), config.host(), config.port(),
                servingConfig.maxRequestBytes());
        this.grpc = grpcSettings.enabled() ? new GrpcServer(grpcSettings, auth.authenticator(), door, audit.requests(),
                List.of(serving.grpcService(), tracing.grpcService())) : null;

    }

    /** The system routes, then each feature's in the order the features were built. */
    private List<Routes> routes() {
        List<Routes> routes = new ArrayList<>();
        routes.add(new SystemRoutes(Version.current(), ready::get, database::answers, metrics));
        features.forEach(feature -> routes.addAll(feature.routes()));
        return routes;
    }

    private PrometheusMeterRegistry jvmMetrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        closing(new JvmGcMetrics()).bindTo(registry);
        return registry;
    }

    private <F extends Feature> F feature(F feature) {
        features.add(feature);
        return feature;
    }

    private <C extends AutoCloseable> C closing(C closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** Starts the HTTP server, then each feature in order; on a failure, closes what was built and rethrows. */
    public Application start() {
        try {
            http.start();
            if (grpc != null) {
                grpc.start();
            }
            features.forEach(Feature::start);
            events.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        ready.set(true);
        log.info("mlforge {} listening on {}://{}:{}{} (data dir {}, store {})", Version.current(), scheme(), config.host(),
                http.port(), grpc == null ? "" : " and gRPC " + grpc.port(), config.dataDir(), database.dialect());
        return this;
    }

    public int port() {
        return http.port();
    }

    /** The gRPC port (Open Inference Protocol, OTLP trace export), or -1 when gRPC is off. */
    public int grpcPort() {
        return grpc == null ? GrpcSettings.OFF : grpc.port();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:5000} ({@code https://} when TLS is configured). */
    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return scheme() + "://" + host + ":" + port();
    }

    private String scheme() {
        return httpSettings.tls() == null ? "http" : "https";
    }

    /** Each HTTP route with the role it declared (see {@link HttpServer#routeRoles()}). */
    public java.util.Map<String, dev.mlforge.http.Role> routeRoles() {
        return http.routeRoles();
    }

    public Database database() {
        return database;
    }

    /** This server among those sharing its store: its leases on background work. */
    public Cluster cluster() {
        return cluster;
    }

    /** The artifact store, for the features that read or write artifacts (registry, serving, pipelines). */
    public ArtifactRepository artifacts() {
        return artifactRepository;
    }

    /** MLflow 3 traces: infos, spans and assessments. */
    public Tracing tracing() {
        return tracing;
    }

    /** Users, API tokens and permissions. */
    public Auth auth() {
        return auth;
    }

    /** The audit trail: its listing and verification. */
    public Audit audit() {
        return audit;
    }

    public TrackingService tracking() {
        return tracking.service();
    }

    /** The model registry (its service, approvals and lineage). */
    public Registry registry() {
        return registry;
    }

    /** Resolves {@code models:/} and {@code runs:/} URIs to verified local model files, for serving. */
    public ModelSource modelSource() {
        return modelSource;
    }

    public EventBus events() {
        return events;
    }

    /** The bus under {@link #events()}'s workspace binding: in-process or Kafka, as configured. */
    public EventBus eventTransport() {
        return eventTransport;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public Serving serving() {
        return serving;
    }

    public MonitorService monitors() {
        return monitoring.monitors();
    }

    public Monitoring monitoring() {
        return monitoring;
    }

    public DatasetService datasets() {
        return datasets.service();
    }

    /** The feature store: definitions, training sets, materialization and online lookups. */
    public Features featureStore() {
        return featureStore;
    }

    public Pipelines pipelines() {
        return pipelines;
    }

    /** Runs pipeline files in this process, recording into this server's tracking, registry and serving. */
    public PipelineRunner pipelineRunner() {
        return pipelines.runner();
    }

    @Override
    public void close() {
        ready.set(false);
        if (closed.getAndSet(true)) {
            return;
        }
        http.stop();
        if (grpc != null) {
            grpc.close();
        }
        closeInReverse(features);
        closeInReverse(closeables);
    }

    private static void closeInReverse(List<? extends AutoCloseable> list) {
        for (int i = list.size() - 1; i >= 0; i--) {
            try {
                list.get(i).close();
            } catch (Exception e) {
                log.warn("Failed to close {}", list.get(i), e);
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
