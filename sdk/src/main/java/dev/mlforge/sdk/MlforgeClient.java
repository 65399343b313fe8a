package dev.mlforge.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mlforge.api.tracking.CreateRunRequest;
import dev.mlforge.api.tracking.Run;
import dev.mlforge.api.tracking.RunTag;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * The Java client of an mlforge (or MLflow) tracking server.
 *
 * <pre>{@code
 * MlforgeClient client = MlforgeClient.builder("http://127.0.0.1:5000").bearerToken(token).build();
 * String experimentId = client.experiments().getOrCreate("churn-model");
 * client.run("churn-model", run -> {
 *     run.logParam("max_depth", "8");
 *     run.logMetric("auc", 0.91, 1);
 * });
 * }</pre>
 *
 * <p>The typed calls are grouped by {@link #experiments()}, {@link #runs()}, {@link #artifacts()},
 * {@link #registry()}, {@link #datasets()}, {@link #deployments()} and {@link #monitoring()}; the
 * fluent tracking API starts at {@link #startRun(String)}. Calls are repeated with exponential backoff on
 * connection failures and on HTTP 429/503, and idempotent calls also on other 5xx answers. Failures are thrown
 * as the unchecked {@link MlforgeClientException}. A client is thread-safe and meant to be shared.
 */
public final class MlforgeClient {
    private final String trackingUri;
    private final Clock clock;
    private final Duration flushInterval;
    private final ExperimentsClient experiments;
    private final RunsClient runs;
    private final ArtifactsClient artifacts;
    private final RegistryClient registry;
    private final DatasetsClient datasets;
    private final AuditClient audit;
    private final WorkspacesClient workspaces;
    private final FeaturesClient features;
    private final DeploymentsClient deployments;
    private final MonitoringClient monitoring;

    private MlforgeClient(Builder builder) {
        this.trackingUri = builder.trackingUri;
        this.clock = builder.clock;
        this.flushInterval = builder.metricFlushInterval;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpTransport transport = new HttpTransport(trackingUri, http, builder.authorization, builder.workspace, builder.requestTimeout,
                new RetryPolicy(builder.maxRetries, builder.initialBackoff, builder.maxBackoff), newMapper());
        this.experiments = new ExperimentsClient(transport);
        this.runs = new RunsClient(transport);
        this.artifacts = new ArtifactsClient(transport, runs, builder.transferTimeout);
        this.registry = new RegistryClient(transport, runs, artifacts);
        this.datasets = new DatasetsClient(transport, builder.transferTimeout);
        this.audit = new AuditClient(transport);
        this.workspaces = new WorkspacesClient(transport);
        this.features = new FeaturesClient(transport);
        this.deployments = new DeploymentsClient(transport);
        this.monitoring = new MonitoringClient(transport);
    }

    /**
     * A client with default settings and no authentication.
     *
     * @param trackingUri the server, e.g. {@code http://127.0.0.1:5000}
     * @return the client
     * @throws IllegalArgumentException when the URI is not an http or https URL
     */
    public static MlforgeClient create(String trackingUri) {
        return builder(trackingUri).build();
    }

    /**
     * Starts configuring a client.
     *
     * @param trackingUri the server, e.g. {@code http://127.0.0.1:5000}
     * @return a builder with the defaults: 10 s connect time-out, 60 s request time-out, 1 h transfer time-out,
     *     4 retries backing off from 200 ms to 10 s
     * @throws IllegalArgumentException when the URI is not an http or https URL
     */
    public static Builder builder(String trackingUri) {
        return new Builder(trackingUri);
    }

    /**
     * The server this client talks to.
     *
     * @return the tracking URI without a trailing slash
     */
    public String trackingUri() {
        return trackingUri;
    }

    /**
     * The experiment calls.
     *
     * @return the experiments client
     */
    public ExperimentsClient experiments() {
        return experiments;
    }

    /**
     * The run calls.
     *
     * @return the runs client
     */
    public RunsClient runs() {
        return runs;
    }

    /**
     * The artifact calls (through the server's artifact proxy).
     *
     * @return the artifacts client
     */
    public ArtifactsClient artifacts() {
        return artifacts;
    }

    /**
     * The model registry calls.
     *
     * @return the registry client
     */
    public RegistryClient registry() {
        return registry;
    }

    /**
     * The dataset calls: content-addressed CSV versions with schema and profile.
     *
     * @return the datasets client
     */
    public DatasetsClient datasets() {
        return datasets;
    }

    /**
     * The audit calls: list and verify the hash-chained audit trail (admin role).
     *
     * @return the audit client
     */
    public AuditClient audit() {
        return audit;
    }

    /**
     * The workspace calls: list and create workspaces, and manage their members.
     *
     * @return the workspaces client
     */
    public WorkspacesClient workspaces() {
        return workspaces;
    }

    /**
     * The feature store calls: definitions, materialization, online lookups and training sets.
     *
     * @return the features client
     */
    public FeaturesClient features() {
        return features;
    }

    /**
     * The deployment calls: deployments, their traffic policies, scoring and feedback.
     *
     * @return the deployments client
     */
    public DeploymentsClient deployments() {
        return deployments;
    }

    /**
     * The monitoring calls: monitors, alert rules and alerts.
     *
     * @return the monitoring client
     */
    public MonitoringClient monitoring() {
        return monitoring;
    }

    /**
     * Starts a run with a generated name in the named experiment, creating the experiment when missing.
     *
     * @param experimentName the experiment name
     * @return the run, {@code RUNNING}; close it to end it
     */
    public ActiveRun startRun(String experimentName) {
        return startRun(experimentName, null);
    }

    /**
     * Starts a named run in the named experiment, creating the experiment when missing.
     *
     * @param experimentName the experiment name
     * @param runName the run name, or null for a generated one
     * @return the run, {@code RUNNING}; close it to end it
     */
    public ActiveRun startRun(String experimentName, String runName) {
        return startRun(experiments.getOrCreate(experimentName), runName, List.of());
    }

    ActiveRun startRun(String experimentId, String runName, List<RunTag> extraTags) {
        String user = System.getProperty("user.name", "unknown");
        List<RunTag> tags = new ArrayList<>(extraTags);
        tags.add(new RunTag("mlflow.user", user));
        tags.add(new RunTag("mlflow.source.type", "LOCAL"));
        Run run = runs.create(new CreateRunRequest(experimentId, user, runName, clock.millis(), tags));
        return new ActiveRun(this, run, clock, flushInterval);
    }

    /**
     * Runs {@code action} as a run of the named experiment: the run ends {@code FINISHED} when the action
     * returns and {@code FAILED} when it throws. The action's exception is then rethrown: unchecked exceptions
     * as they are, checked ones wrapped in a {@link CompletionException}.
     *
     * @param experimentName the experiment name (created when missing)
     * @param action what the run does
     * @return the id of the ended run
     */
    public String run(String experimentName, RunAction action) {
        ActiveRun run = startRun(experimentName);
        try {
            action.execute(run);
        } catch (Exception | Error e) {
            run.fail(e);
            try {
                run.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new CompletionException(e);
        }
        run.close();
        return run.runId();
    }

    static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** Configures a {@link MlforgeClient}; every setting has a default. */
    public static final class Builder {
        private final String trackingUri;
        private String authorization;
        private String workspace;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration transferTimeout = Duration.ofHours(1);
        private int maxRetries = 4;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private Duration metricFlushInterval = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();

        private Builder(String trackingUri) {
            this.trackingUri = normalize(trackingUri);
        }

        /**
         * Authenticates with {@code Authorization: Bearer <token>} (MLflow's {@code MLFLOW_TRACKING_TOKEN}).
         *
         * @param token the token
         * @return this builder
         */
        public Builder bearerToken(String token) {
            this.authorization = "Bearer " + Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * Authenticates with HTTP basic authentication (MLflow's {@code MLFLOW_TRACKING_USERNAME/PASSWORD}).
         *
         * @param username the user name
         * @param password the password
         * @return this builder
         */
        public Builder basicAuth(String username, String password) {
            this.authorization = basic(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /** The {@code Authorization} value of HTTP basic authentication. */
        static String basic(String username, String password) {
            String pair = username + ":" + password;
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The workspace every request of the client works in (sent as MLflow's {@code X-MLFLOW-WORKSPACE} header):
         * what it creates lands there and only that workspace's resources are found.
         *
         * @param workspace the workspace name, or null or blank for the server's default workspace
         * @return this builder
         */
        public Builder workspace(String workspace) {
            this.workspace = workspace == null || workspace.isBlank() ? null : workspace.strip();
            return this;
        }

        /** A ready {@code Authorization} value, or null for none ({@link ServerLocation}'s credentials). */
        Builder authorization(String value) {
            this.authorization = value;
            return this;
        }

        /**
         * How long to wait for a connection.
         *
         * @param timeout the time-out
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for the answer of an API call.
         *
         * @param timeout the time-out
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * How long an artifact upload, or the start of a download's answer, may take.
         *
         * @param timeout the time-out
         * @return this builder
         */
        public Builder transferTimeout(Duration timeout) {
            this.transferTimeout = positive(timeout, "transferTimeout");
            return this;
        }

        /**
         * How often a failed call is repeated, and the backoff between attempts.
         *
         * @param maxRetries repetitions after the first attempt; 0 disables retries
         * @param initialBackoff the first wait, doubled for each further attempt
         * @param maxBackoff the longest wait
         * @return this builder
         * @throws IllegalArgumentException when a value is negative or {@code maxBackoff < initialBackoff}
         */
        public Builder retries(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
            new RetryPolicy(maxRetries, initialBackoff, maxBackoff);
            this.maxRetries = maxRetries;
            this.initialBackoff = initialBackoff;
            this.maxBackoff = maxBackoff;
            return this;
        }

        /**
         * How often the fluent API sends buffered metrics (default 200 ms).
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder metricFlushInterval(Duration interval) {
            this.metricFlushInterval = positive(interval, "metricFlushInterval");
            return this;
        }

        /**
         * The clock that timestamps metrics and run start and end times.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         */
        public MlforgeClient build() {
            return new MlforgeClient(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        static String normalize(String trackingUri) {
            if (trackingUri == null || trackingUri.isBlank()) {
                throw new IllegalArgumentException("tracking URI is empty");
            }
            URI uri;
            try {
                uri = URI.create(trackingUri.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tracking URI '" + trackingUri + "' is not a valid URI", e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("tracking URI '" + trackingUri
                        + "' must be an http:// or https:// URL, e.g. http://127.0.0.1:5000");
            }
            String text = uri.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            return text;
        }
    }
}
