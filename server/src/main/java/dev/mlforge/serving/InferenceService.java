package dev.mlforge.serving;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.concurrent.DaemonThreads;
import dev.mlforge.http.MlforgeException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Answers predictions: picks the version by the deployment's policy (or the one asked for), checks the inputs
 * against its signature, queues them for batching, mirrors a copy to the shadow, and records metrics and the
 * sampled prediction log.
 */
public final class InferenceService {
    private final DeploymentService deployments;
    private final ServingConfig config;
    private final ServingMetrics metrics;
    private final PredictionLog predictionLog;
    private final Clock clock;
    private final PredictionIds ids;
    private final FeatureEnrichment enrichment;
    /** Shadow copies run here, off the request path; when its queue is full, copies are dropped (and counted). */
    private final ThreadPoolExecutor mirrors = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), DaemonThreads.named("mlforge-serving-shadow"), new ThreadPoolExecutor.AbortPolicy());

    /**
     * Where batches start for callers that must not run the model themselves ({@link #inferOffThread}): a leader runs
     * its model's queued batches until the queue is empty.
     */
    private final ForkJoinPool leaderThreads = new ForkJoinPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
            DaemonThreads.numberedForkJoin("mlforge-serving-leader"), null, true);

    InferenceService(DeploymentService deployments, ServingConfig config, ServingMetrics metrics, PredictionLog predictionLog,
            Clock clock, FeatureEnrichment enrichment) {
        this.enrichment = enrichment;
        this.deployments = deployments;
        this.config = config;
        this.metrics = metrics;
        this.predictionLog = predictionLog;
        this.clock = clock;
        this.ids = new PredictionIds(clock);
    }

    /**
     * The id of a prediction: {@code given} (the request's own id or {@code X-Request-ID}) when usable (not blank, at
     * most 128 characters), else a new time-ordered one (see {@link PredictionIds}).
     */
    public String requestId(String given) {
        return ids.orNew(given);
    }

    /** A new time-ordered prediction id (see {@link PredictionIds}). */
    public String newRequestId() {
        return ids.next();
    }

    /** The signature requests to {@code deployment} are checked against ({@code version} null: the primary's). */
    public ModelSignature signature(String deployment, String version) {
        return choose(deployments.active(deployment), deployment, version, null).signature();
    }

    /** The online features {@code deployment} declares, or null. */
    InputFeatures features(String deployment) {
        return deployments.active(deployment).deployment().policy().features();
    }

    /** The loaded versions of {@code deployment}, primary first. */
    public List<String> versions(String deployment) {
        return deployments.active(deployment).all().stream().map(ServedModel::version).toList();
    }

    /** True when {@code deployment} (and {@code version}, if not null) is loaded and takes requests. */
    public boolean ready(String deployment, String version) {
        try {
            choose(deployments.active(deployment), deployment, version, null);
            return true;
        } catch (MlforgeException e) {
            if (e.errorCode() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Predicts. {@code version} null lets the policy choose (canary weight, sticky header); {@code headers} looks
     * up request headers by name.
     */
    public InferenceResult infer(String deployment, String version, List<Tensor> inputs, String requestId,
            UnaryOperator<String> headers) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return inferOnce(deployment, version, inputs, requestId, headers, start);
            } catch (ModelRetiredException retired) {
                if (attempt >= MAX_ATTEMPTS_ON_SWITCH) {
                    throw retired;
                }
            }
        }
    }

    /** A request that picked a model just unloaded by a version switch retries on the new one, this many times. */
    private static final int MAX_ATTEMPTS_ON_SWITCH = 3;

    private InferenceResult inferOnce(String deployment, String version, List<Tensor> inputs, String requestId,
            UnaryOperator<String> headers, long start) {
        ActiveModels active = deployments.active(deployment);
        ServedModel model = choose(active, deployment, version, headers);
        try {
            List<Tensor> checked = checked(active, model, deployment, version, inputs, requestId, start);
            List<Tensor> outputs = model.call(checked, start + config.requestTimeout().toNanos());
            return answered(model, deployment, checked, outputs, requestId, start);
        } catch (ModelRetiredException retired) {
            throw retired;
        } catch (MlforgeException e) {
            throw failed(model, deployment, e, start);
        }
    }

    /**
     * Predicts as {@link #infer} does, without blocking this thread while the request waits for its batch and runs:
     * the answer completes on the thread that ran the batch. What fails before the request is queued (an unknown
     * deployment, inputs not matching the signature, a full queue) throws here; what fails after completes the
     * answer exceptionally (an {@link MlforgeException}, possibly wrapped in a {@link CompletionException}).
     */
    public CompletableFuture<InferenceResult> inferAsync(String deployment, String version, List<Tensor> inputs,
            String requestId, UnaryOperator<String> headers) {
        return inferAsync(deployment, version, inputs, requestId, headers, null);
    }

    /**
     * As {@link #inferAsync(String, String, List, String, UnaryOperator)}, for a caller on a thread that must not
     * block (a transport's event loop): the model never runs here. An idle model's batch starts on the serving's
     * leader threads; a busy model's running batch takes the request with no hand-off. A deployment with online
     * features (read from their store) is answered entirely on the leader threads.
     */
    public CompletableFuture<InferenceResult> inferOffThread(String deployment, String version, List<Tensor> inputs,
            String requestId, UnaryOperator<String> headers) {
        if (features(deployment) != null) {
            return CompletableFuture.supplyAsync(() -> inferAsync(deployment, version, inputs, requestId, headers, null),
                    leaderThreads).thenCompose(answer -> answer);
        }
        return inferAsync(deployment, version, inputs, requestId, headers, leaderThreads);
    }

    private CompletableFuture<InferenceResult> inferAsync(String deployment, String version, List<Tensor> inputs,
            String requestId, UnaryOperator<String> headers, Executor leaders) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            ActiveModels active = deployments.active(deployment);
            ServedModel model = choose(active, deployment, version, headers);
            List<Tensor> checked;
            CompletableFuture<List<Tensor>> outputs;
            try {
                checked = checked(active, model, deployment, version, inputs, requestId, start);
                outputs = leaders == null ? model.submit(checked, start + config.requestTimeout().toNanos())
                        : model.submit(checked, start + config.requestTimeout().toNanos(), leaders);
            } catch (ModelRetiredException retired) {
                if (attempt >= MAX_ATTEMPTS_ON_SWITCH) {
                    throw retired;
                }
                continue;
            } catch (MlforgeException e) {
                throw failed(model, deployment, e, start);
            }
            return outputs.handle((answer, failure) -> {
                if (failure == null) {
                    return answered(model, deployment, checked, answer, requestId, start);
                }
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                if (cause instanceof MlforgeException e) {
                    throw failed(model, deployment, e, start);
                }
                throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
            });
        }
    }

    /** The inputs checked against the model's signature (enriched with declared features); mirrors them to a shadow. */
    private List<Tensor> checked(ActiveModels active, ServedModel model, String deployment, String version,
            List<Tensor> inputs, String requestId, long start) {
        InputFeatures declared = active.deployment().policy().features();
        List<Tensor> checked = Tensors.checkInputs(model.signature(), declared == null ? inputs
                : enrichment.enrich(deployment, declared, model.signature(), inputs));
        if (version == null && active.shadow() != null && active.shadow() != model) {
            mirror(active.shadow(), deployment, checked, requestId, start + config.requestTimeout().toNanos());
        }
        return checked;
    }

    private InferenceResult answered(ServedModel model, String deployment, List<Tensor> checked, List<Tensor> outputs,
            String requestId, long start) {
        long latency = System.nanoTime() - start;
        model.answered(latency);
        predictionLog.record(new PredictionLog.Entry(requestId, deployment, model.version(), checked, outputs,
                latency, clock.instant(), false));
        return new InferenceResult(requestId, deployment, model.version(), outputs, model.answersDict());
    }

    /** Counts a failed request; answers {@code e} to throw. */
    private MlforgeException failed(ServedModel model, String deployment, MlforgeException e, long start) {
        metrics.request(deployment, model.version(), outcome(e.errorCode()), System.nanoTime() - start);
        return e;
    }

    private ServedModel choose(ActiveModels active, String deployment, String version, UnaryOperator<String> headers) {
        if (version != null) {
            ServedModel model = active.byVersion(version);
            if (model == null) {
                throw MlforgeException.notFound("Deployment '" + deployment + "' has no loaded version '" + version
                        + "' (loaded: " + active.all().stream().map(ServedModel::version).toList() + ")");
            }
            return model;
        }
        TrafficPolicy policy = active.deployment().policy();
        if (active.canary() != null && headers != null) {
            String sticky = policy.stickyHeader() == null ? null : headers.apply(policy.stickyHeader());
            if (policy.routesToCanary(sticky, ThreadLocalRandom.current().nextDouble())) {
                return active.canary();
            }
        }
        return active.primary();
    }

    /** Sends a copy to the shadow on the mirroring thread; its answer is logged, never returned. */
    private void mirror(ServedModel shadow, String deployment, List<Tensor> inputs, String requestId, long deadline) {
        try {
            mirrors.execute(() -> {
                long start = System.nanoTime();
                try {
                    List<Tensor> outputs = shadow.call(inputs, deadline);
                    long latency = System.nanoTime() - start;
                    metrics.shadowRequest(deployment, shadow.version(), "ok", latency);
                    predictionLog.record(new PredictionLog.Entry(requestId, deployment, shadow.version(), inputs,
                            outputs, latency, clock.instant(), true));
                } catch (MlforgeException e) {
                    metrics.shadowRequest(deployment, shadow.version(), "error", System.nanoTime() - start);
                }
            });
        } catch (RejectedExecutionException e) {
            metrics.shadowRequest(deployment, shadow.version(), "dropped", -1);
        }
    }

    /** Stops mirroring to shadows, finishing the copies already taken. */
    void close() {
        leaderThreads.shutdown();
        mirrors.shutdown();
        try {
            mirrors.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String outcome(ErrorCode code) {
        return switch (code) {
            case INVALID_PARAMETER_VALUE, BAD_REQUEST -> "bad_request";
            case TEMPORARILY_UNAVAILABLE -> "overloaded";
            case DEADLINE_EXCEEDED -> "timeout";
            default -> "error";
        };
    }
}
