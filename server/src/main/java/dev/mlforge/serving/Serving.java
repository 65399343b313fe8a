package dev.mlforge.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.events.EventBus;
import dev.mlforge.grpc.GrpcService;
import dev.mlforge.http.Feature;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Routes;
import dev.mlforge.serving.grpc.GrpcInference;
import dev.mlforge.store.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-serving feature, built once by the application: deployments, inference, the prediction log and
 * their routes. {@link #close()} drains the request queues, then flushes the prediction log.
 */
public final class Serving implements Feature {
    private static final Logger log = LoggerFactory.getLogger(Serving.class);

    private final ServingConfig config;
    private final DeploymentStore store;
    private final PredictionLog predictionLog;
    private final DeploymentService deployments;
    private final InferenceService inference;
    private final PredictionReadBack readBack;
    private final Clock clock;
    private final String serverVersion;
    private final BooleanSupplier serverReady;
    private final FeatureEnrichment enrichment;
    /** Follows the deployment changes of other servers sharing the store; null on a server alone. */
    private final DeploymentSync sync;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(DaemonThreads.named("mlforge-serving-loader"));

    /**
     * @param serverVersion the version the Open Inference Protocol's server metadata reports
     * @param serverReady   whether the whole server is ready, for the protocol's readiness route
     * @param providers     the model runtimes (flavors) deployments may use
     */
    public Serving(Database database, ModelSource source, ServingConfig config, EventBus events,
            DeploymentRecorder recorder, MeterRegistry registry, Clock clock, String serverVersion,
            BooleanSupplier serverReady, PredictorProviders providers) {
        this(database, source, config, events, recorder, registry, clock, serverVersion, serverReady, providers, null);
    }

    /**
     * @param changePoll how often to look for deployments other servers sharing the store changed, or null when the
     *                   server is alone on its store
     */
    public Serving(Database database, ModelSource source, ServingConfig config, EventBus events,
            DeploymentRecorder recorder, MeterRegistry registry, Clock clock, String serverVersion,
            BooleanSupplier serverReady, PredictorProviders providers, java.time.Duration changePoll) {
        this(database, source, config, events, recorder, registry, clock, serverVersion, serverReady, providers, changePoll,
                OnlineFeatureSource.NONE);
    }

    /** @param features the feature store deployments may declare their inputs from ({@link InputFeatures}) */
    public Serving(Database database, ModelSource source, ServingConfig config, EventBus events,
            DeploymentRecorder recorder, MeterRegistry registry, Clock clock, String serverVersion,
            BooleanSupplier serverReady, PredictorProviders providers, java.time.Duration changePoll,
            OnlineFeatureSource features) {
        this.enrichment = new FeatureEnrichment(features);
        this.config = config;
        this.clock = clock;
        this.serverVersion = serverVersion;
        this.serverReady = serverReady;
        this.store = new JdbiDeploymentStore(database);
        ServingMetrics metrics = new ServingMetrics(registry);
        this.predictionLog = new PredictionLog(store, config.logSampleRate(), config.logMaxRows());
        metrics.watch(predictionLog);
        this.deployments = new DeploymentService(store, source, config, events, recorder, metrics, clock,
                new PredictorLoader(providers), database.workspace());
        this.inference = new InferenceService(deployments, config, metrics, predictionLog, clock, enrichment);
        this.readBack = new PredictionReadBack(store, predictionLog);
        this.sync = changePoll == null ? null : new DeploymentSync(store, deployments, changePoll);
    }

    /** Loads the persisted deployments in the background; each turns ready when its models are warm. */
    @Override
    public void start() {
        if (sync != null) {
            sync.baseline(); // changes after this read are followed, whether or not the load below saw them
        }
        loader.submit(() -> {
            try {
                deployments.loadPersisted();
            } catch (RuntimeException e) {
                log.error("Cannot load the persisted deployments", e);
            }
            if (sync != null) {
                sync.start();
            }
        });
        loader.shutdown();
    }

    PredictionReadBack readBack() {
        return readBack;
    }

    public DeploymentService deployments() {
        return deployments;
    }

    /** {@code policy} when the online features it declares exist (400 otherwise): check before creating or changing. */
    TrafficPolicy checked(TrafficPolicy policy) {
        enrichment.check(policy.features());
        return policy;
    }

    public InferenceService inference() {
        return inference;
    }

    /** The deployment routes (/api/v1/deployments...), the prediction log's read-back and the Open Inference Protocol routes (/v2...). */
    @Override
    public List<Routes> routes() {
        return List.of(new ServingRoutes(this, config), new PredictionLogRoutes(readBack), new InferenceRoutes(inference, deployments, config,
                serverVersion, serverReady));
    }

    /** The Open Inference Protocol over gRPC (KServe's GRPCInferenceService) on the same inference path. */
    public GrpcService grpcService() {
        return GrpcInference.service(inference, serverVersion, serverReady);
    }

    /** The workspace deployment {@code name} lives in, when a deployment has that name now. */
    public Optional<String> deploymentWorkspace(String name) {
        return store.findWorkspace(name);
    }

    /** The newest logged predictions of {@code deployment}, newest first, with feedback labels joined. */
    public List<PredictionRecord> recentPredictions(String deployment, int limit) {
        return store.recentPredictions(deployment, Instant.EPOCH, limit);
    }

    /** The logged predictions of {@code deployment} at or after {@code since}, newest first (at most 100,000). */
    public List<PredictionRecord> recentPredictions(String deployment, Instant since) {
        return store.recentPredictions(deployment, since, 100_000);
    }

    /** Writes the buffered prediction log now (it is otherwise written within about 200 ms). */
    public void flushPredictions() {
        predictionLog.flush();
    }

    /**
     * Attaches the ground truth {@code label} (any JSON value) to the prediction answered as {@code requestId}.
     * RESOURCE_DOES_NOT_EXIST when the deployment logged no prediction under that id (a typo, another deployment's
     * id, or a request not sampled by {@code serving.log-sample-rate}): a label for nothing would never be scored.
     */
    public void attachFeedback(String deployment, String requestId, JsonNode label) {
        if (store.find(deployment).isEmpty()) {
            throw MlforgeException.notFound("Deployment '" + deployment + "' does not exist");
        }
        if (requestId == null || requestId.isBlank()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'request_id'");
        }
        if (label == null || label.isNull() || label.isMissingNode()) {
            throw MlforgeException.invalidParameter("Missing value for required parameter 'label'");
        }
        if (!loggedPrediction(deployment, requestId)) {
            throw MlforgeException.notFound("Deployment '" + deployment + "' has no logged prediction with request_id '"
                    + requestId + "'" + (config.logSampleRate() < 1.0 ? " (predictions are logged at serving.log-sample-rate "
                    + config.logSampleRate() + ")" : ""));
        }
        store.saveFeedback(deployment, requestId, label.toString(), clock.instant());
    }

    /** Looks in the store, then once more after writing the buffered log (an answer of the last 200 ms). */
    private boolean loggedPrediction(String deployment, String requestId) {
        if (store.hasPrediction(deployment, requestId)) {
            return true;
        }
        predictionLog.flush();
        return store.hasPrediction(deployment, requestId);
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        loader.shutdownNow();
        inference.close();
        deployments.close();
        predictionLog.close();
    }
}
