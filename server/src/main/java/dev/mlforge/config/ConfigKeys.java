package dev.mlforge.config;

import static dev.mlforge.config.ValueType.decimal;
import static dev.mlforge.config.ValueType.flag;
import static dev.mlforge.config.ValueType.oneOf;
import static dev.mlforge.config.ValueType.text;
import static dev.mlforge.config.ValueType.whole;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every configuration key the server reads, in one table: loading validates values against it and rejects keys it
 * does not list, {@link ConfigValues} refuses to read a key missing from it, and the README's configuration table is
 * checked against it. Adding a key is adding one row (and its line in the README).
 */
public final class ConfigKeys {
    private static final long SIZE_MAX = 1L << 31;

    /** The table; the README lists the rows in this order. */
    public static final List<ConfigKey> ALL = List.of(
            // key, default (as a user writes it; "" for none; <...> when computed from other keys), accepted values, meaning
            row("host", "127.0.0.1", text(), "address to bind"),
            row("port", "5000", whole(0, 65535), "port to bind (0: any free port)"),
            row("grpc-port", "<port + 1>", whole(-1, 65535),
                    "gRPC port: the Open Inference Protocol and OTLP trace export (0: any free port, as with `port` 0; -1: off)"),
            row("data-dir", "./mlforge-data", text(), "embedded database (`mlforge.db`) and artifacts (`artifacts/`)"),
            row("backend-store-uri", "<data-dir>/mlforge.db", text(),
                    "`sqlite:///path/to.db` or `postgresql://user:password@host:5432/db`"),
            row("artifacts-destination", "<data-dir>/artifacts", text(),
                    "artifact root: a folder, a `file:///` URI or `s3://bucket/prefix` (credentials from the standard AWS chain)"),
            row("artifacts.s3.endpoint-url", "<AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL>", text(),
                    "S3-compatible endpoint (MinIO, Ceph, s3proxy) instead of AWS's own"),
            row("artifacts.s3.region", "<AWS_REGION, AWS_DEFAULT_REGION, profile, us-east-1>", text(), "region of the bucket"),
            row("artifacts.s3.path-style", "<true when an endpoint is set>", flag(),
                    "path-style requests (`host/bucket/key`), which MinIO and s3proxy need"),
            row("artifacts.s3.part-size", "8m", whole(5L << 20, 5L << 30),
                    "part size of multipart uploads: the memory one upload holds (5m to 5g, S3's limits)"),
            row("artifacts.s3.cache-size", "4g", whole(1L << 20, 1L << 40),
                    "local cache (`<data-dir>/artifact-cache`) of S3 files runtimes need on disk (model loading); least recently used go first"),
            row("artifacts.s3.presigned-downloads", "false", flag(),
                    "artifact downloads answer a redirect to a pre-signed S3 URL instead of streaming through the server"),
            row("artifacts.s3.presigned-ttl-seconds", "300", whole(1, 604_800), "lifetime of a pre-signed download URL"),
            row("max-request-size", "16m", whole(1024, SIZE_MAX),
                    "largest JSON request body (artifact and dataset uploads stream and are not limited by it)"),
            row("allowed-hosts", "", text(),
                    "host names the `Host` header may carry beyond loopback and the bound address (`name`, `name:port`, globs, `*`)"),
            row("cors-allowed-origins", "", text(), "origins allowed to call the API cross-site (comma-separated, `*` for any)"),
            row("disable-security-middleware", "false", flag(), "turns the Host and Origin checks off (media types and JSON shape stay checked)"),
            row("x-frame-options", "SAMEORIGIN", oneOf("SAMEORIGIN", "DENY", "NONE"),
                    "`X-Frame-Options` header on every answer against clickjacking (`NONE`: no header), as MLflow 3.5+"),
            row("auth.mode", "none", oneOf("none", "basic", "oidc"),
                    "who may call: `none` (loopback only), `basic` (users and API tokens in the store), `oidc` (also OIDC bearer tokens)"),
            row("auth.allow-unauthenticated-remote", "false", flag(),
                    "lets `auth.mode=none` bind a non-loopback address (with a warning) instead of refusing to start"),
            row("auth.default-permission", "READ", oneOf("READ", "USE", "EDIT", "MANAGE", "NO_PERMISSIONS"),
                    "permission of a non-admin user on any resource it holds no explicit grant on, as MLflow's"),
            row("auth.oidc.issuer", "", text(), "`iss` an OIDC bearer token must carry (`auth.mode=oidc`)"),
            row("auth.oidc.audience", "", text(), "`aud` an OIDC bearer token must carry"),
            row("auth.oidc.jwks-uri", "", text(), "URL of the issuer's JSON Web Key Set (fetched and cached)"),
            row("auth.oidc.groups-claim", "groups", text(), "claim listing the token holder's groups"),
            row("auth.oidc.admin-groups", "", text(), "comma-separated groups whose members are administrators"),
            row("auth.oidc.editor-groups", "", text(),
                    "comma-separated groups whose members hold EDIT where they have no grant (others: the default permission)"),
            row("auth.oidc.client-id", "", text(),
                    "client id of the web UI's OIDC sign-in (authorization code + PKCE); unset: the UI signs in with passwords"),
            row("auth.oidc.client-secret", "", text(), "client secret of that client (`MLFORGE_AUTH_OIDC_CLIENT_SECRET`; never logged)"),
            row("auth.oidc.redirect-uri", "", text(), "this server's `/ui/oidc/callback` URL as registered at the issuer"),
            row("auth.oidc.authorization-endpoint", "<discovery>", text(),
                    "the issuer's authorization endpoint (default: from `<issuer>/.well-known/openid-configuration`)"),
            row("auth.oidc.token-endpoint", "<discovery>", text(), "the issuer's token endpoint (default: from discovery)"),
            row("auth.oidc.scopes", "openid profile email", text(), "scopes the web UI's OIDC sign-in asks for"),
            row("auth.session.max-age-seconds", "43200", whole(60, 31_536_000), "longest a web UI sign-in lasts"),
            row("auth.session.idle-timeout-seconds", "1800", whole(60, 31_536_000),
                    "a web UI sign-in ends after this long without a request"),
            row("auth.session.cache-seconds", "5", whole(0, 300),
                    "how long a server reuses a web UI session it read from the store; a sign-out on another replica takes effect here within it (0: read on every request)"),
            row("auth.rate-limit.writes-per-second", "1000", decimal(0, 1_000_000),
                    "state-changing requests one identity may make per second, sustained, when authentication is on; beyond it 429 with `Retry-After` (0: no limit)"),
            row("auth.rate-limit.burst", "5000", whole(1, 10_000_000), "state-changing requests one identity may make at once before its rate applies"),
            row("admin-username", "", text(),
                    "first administrator, created at the first start in `basic`/`oidc` mode (`MLFORGE_ADMIN_USERNAME`)"),
            row("admin-password", "", text(), "password of that administrator (`MLFORGE_ADMIN_PASSWORD`; no default)"),
            row("tls.certificate", "", text(), "PEM certificate chain (leaf first) to serve HTTPS with; needs `tls.private-key`"),
            row("tls.private-key", "", text(), "PEM PKCS#8 private key (`BEGIN PRIVATE KEY`) of `tls.certificate`"),
            row("tls.keystore", "", text(), "PKCS12 keystore to serve HTTPS with, instead of the PEM files"),
            row("tls.keystore-password", "", text(), "password of `tls.keystore` and of its key (never logged)"),
            row("tls.reload-interval-seconds", "1", whole(0, 3600),
                    "how often the certificate files are checked; changed files are reloaded without a restart (0: never)"),
            row("tls.hsts-max-age", "31536000", whole(0, 315_360_000),
                    "`Strict-Transport-Security` max-age sent with HTTPS (0: no header)"),
            row("log-level", "INFO", oneOf("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"),
                    "level of mlforge's own logs, written to stderr (libraries log at WARN)"),
            row("serving.max-batch-size", "32", whole(1, 4096),
                    "most rows merged into one model call by adaptive batching (1 turns batching off)"),
            row("serving.max-batch-delay", "0", whole(0, 10_000), "ms a request may wait for others to join its batch"),
            row("serving.queue-capacity", "1000", whole(1, 1_000_000),
                    "requests queued per model version; beyond it, 503 with `Retry-After`"),
            row("serving.request-timeout", "10000", whole(1, 3_600_000), "ms before a prediction request answers 504"),
            row("serving.log-sample-rate", "1.0", decimal(0.0, 1.0), "share of predictions written to the prediction log"),
            row("serving.max-request-size", "8m", whole(1024, SIZE_MAX), "largest inference request body (413 beyond)"),
            row("serving.prediction-log.max-rows", "1000000", whole(0, 1_000_000_000),
                    "most input rows the prediction log keeps per deployment; the oldest predictions are deleted beyond it (0: no limit)"),
            row("serving.python.interpreter", "python3", text(),
                    "Python executable of the workers serving `python_function` models (sklearn, xgboost, custom pyfunc)"),
            row("serving.python.workers", "1", whole(1, 64), "Python worker processes per loaded model version"),
            row("serving.python.start-timeout", "60000", whole(1_000, 3_600_000),
                    "ms a Python worker may take to load its model before the deploy fails"),
            row("serving.python.environments", "auto", oneOf("auto", "off"),
                    "`auto`: a model whose packages the interpreter lacks gets a virtual environment built from its requirements"),
            row("serving.python.index-url", "", text(),
                    "package index the environments install from (empty: pip's own configuration, `PIP_INDEX_URL`, else PyPI)"),
            row("serving.python.environment-timeout", "600000", whole(10_000, 7_200_000),
                    "ms building one model's Python environment may take before the deploy fails"),
            row("monitoring.webhook-max-attempts", "5", whole(1, 20),
                    "delivery attempts of an alert webhook (exponential backoff)"),
            row("monitoring.webhook-initial-backoff-ms", "500", whole(1, 600_000), "first retry delay of a webhook"),
            row("monitoring.webhook-timeout-ms", "10000", whole(100, 600_000), "timeout of one webhook call"),
            row("monitoring.webhook-allowed-hosts", "", text(),
                    "comma-separated hosts alert webhooks may reach although they are loopback or private addresses"),
            row("monitoring.large-drift-bytes", "64m", whole(0, 1L << 40),
                    "monitor runs whose reference file has at least this many bytes compute drift on the bounded-memory"
                            + " engine (DuckDB, spilling under `<data-dir>/monitoring/drift-spill`); 0: every run"),
            row("monitoring.large-drift-memory-limit", "1GB", text(),
                    "memory limit of that engine, off the Java heap, as `512MB` or `2GB`"),
            row("features.online-store", "embedded", oneOf("embedded", "redis"),
                    "online feature store: `embedded` (a table of the backend store) or `redis` (at `features.redis-url`)"),
            row("features.redis-url", "redis://127.0.0.1:6379", text(),
                    "Redis of the online feature store (`features.online-store=redis`), as `redis://[password@]host:port[/db]`"),
            row("features.materialize-interval-seconds", "0", whole(0, 2_592_000),
                    "materialize every online feature view this often, once across servers sharing the store (0: only when asked)"),
            row("features.sql-source-tables", "", text(),
                    "comma-separated backend-store tables feature views' SQL query sources may read (empty: SQL sources are off)"),
            row("webhooks.allowed-schemes", "https", text(),
                    "comma-separated URL schemes MLflow webhooks may use (MLflow's default: `https` only)"),
            row("webhooks.allowed-hosts", "", text(),
                    "comma-separated hosts MLflow webhooks may reach although they are loopback or private addresses"),
            row("webhooks.max-attempts", "4", whole(1, 20),
                    "delivery attempts of an MLflow webhook on a connection error, timeout, 429 or 5xx (MLflow: 1 + 3 retries)"),
            row("webhooks.initial-backoff-ms", "1000", whole(1, 600_000),
                    "first retry delay of an MLflow webhook, doubled after each further failure, at most 60 s"),
            row("webhooks.timeout-ms", "30000", whole(100, 600_000), "timeout of one MLflow webhook call"),
            row("webhooks.secret-encryption-key", "", text(),
                    "key (any text) webhook secrets are encrypted with at rest (AES-256-GCM); none: stored as given"),
            row("webhooks.sender-threads", "4", whole(1, 64), "threads that deliver MLflow webhooks; further deliveries queue"),
            row("webhooks.delivery-retention-days", "30", whole(0, 3650),
                    "days of webhook delivery attempts the delivery log keeps, pruned hourly; 0: all"),
            row("events.backend", "inprocess", oneOf("inprocess", "kafka"),
                    "event bus: `inprocess` (one server) or `kafka` (a topic every replica reads; needs the optional `events-kafka` module on the class path)"),
            row("events.kafka.bootstrap-servers", "", text(), "Kafka brokers (`host:port,...`) when `events.backend=kafka`"),
            row("events.kafka.topic", "mlforge.events", text(), "topic the events are published to and read from"),
            row("events.kafka.group-id", "mlforge", text(),
                    "consumer group whose committed offsets a restarted server resumes from; give each replica its own to have every replica see every event"),
            row("datasets.max-columns", "50000", whole(1, 1_000_000), "most columns a registered CSV may have (400 beyond)"),
            row("tracking.metric-log.fold-rows", "200000", whole(1, 10_000_000),
                    "SQLite: metric points staged in the append-order log that start a fold into the history table at once"),
            row("tracking.metric-log.fold-millis", "2000", whole(10, 3_600_000),
                    "SQLite: ms after the last fold that staged metric points are folded anyway"),
            row("audit.enabled", "true", flag(), "`false` keeps no audit records (throwaway servers, measuring the trail's cost)"),
            row("audit.max-batch-size", "1000", whole(1, 100_000), "most audit records written in one transaction"),
            row("audit.max-batch-delay-ms", "5", whole(0, 1000),
                    "ms the audit writer waits for more records after the first of a batch"),
            row("cluster.lease-seconds", "15", whole(2, 3600),
                    "with several servers on one PostgreSQL: lease time of background work (schedules, monitor runs, pipeline runs); a killed server's work moves to another within it"),
            row("cluster.poll-millis", "250", whole(20, 10000),
                    "with several servers on one PostgreSQL: how often each looks for deployments and traffic policies the others changed"),
            row("pipelines.concurrent-runs", "2", whole(1, 64), "pipeline runs executed at once by the server"),
            row("pipelines.step-parallelism", "2", whole(1, 64), "independent steps of one run executed at once"),
            row("pipelines.scheduler-interval-seconds", "15", whole(1, 3600),
                    "how often the scheduler looks for due schedules"),
            row("pipelines.drift-retrain-cooldown-seconds", "3600", whole(0, 2_592_000),
                    "least time between two retrains a drift trigger starts for one deployment (0: none)"),
            row("pipelines.work-dir", "<data-dir>/pipelines", text(), "step cache and working files"),
            row("pipelines.base-dir", ".", text(),
                    "folder against which pipeline files submitted to the server are resolved"));

    /**
     * {@code MLFORGE_*} environment variables that are not server keys: the launcher's and the clients' own. The
     * server neither reads nor rejects them.
     */
    public static final Map<String, String> OTHER_VARIABLES = orderedMap(
            "MLFORGE_CONFIG", "the YAML configuration file (as `--config FILE`)",
            "MLFORGE_TRACKING_URI", "the server client commands talk to (as `--tracking-uri`)",
            "MLFORGE_TRACKING_TOKEN", "bearer token client commands send",
            "MLFORGE_TOKEN", "bearer token client commands send (same as MLFORGE_TRACKING_TOKEN)",
            "MLFORGE_CREDENTIALS", "the credentials file `mlforge login` writes (default `~/.mlforge/credentials`)",
            "MLFORGE_JAVA_OPTS", "JVM options of the `./mlforge` launcher");

    private static final Map<String, ConfigKey> BY_CANONICAL = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(key -> ConfigKey.canonical(key.name()), Function.identity()));

    private ConfigKeys() {}

    private static ConfigKey row(String name, String defaultValue, ValueType type, String description) {
        return new ConfigKey(name, defaultValue, type, description);
    }

    /** The row of {@code key} in any spelling ({@code serving.max-batch-size}, {@code SERVING_MAX_BATCH_SIZE}). */
    public static Optional<ConfigKey> find(String key) {
        return Optional.ofNullable(BY_CANONICAL.get(ConfigKey.canonical(key)));
    }

    /** The known key nearest to a misspelt one, when one is near enough to be what was meant. */
    static Optional<ConfigKey> nearest(String unknown) {
        String canonical = ConfigKey.canonical(unknown);
        Optional<ConfigKey> bySuffix = ALL.stream()
                .filter(key -> ConfigKey.canonical(key.name()).endsWith("_" + canonical)).findFirst();
        if (bySuffix.isPresent()) {
            return bySuffix;
        }
        return ALL.stream()
                .min(Comparator.comparingInt(key -> distance(canonical, ConfigKey.canonical(key.name()))))
                .filter(key -> distance(canonical, ConfigKey.canonical(key.name())) <= Math.max(2, canonical.length() / 3));
    }

    /** Levenshtein distance (insertions, deletions, substitutions), for "did you mean" suggestions here and in the CLI. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The README's configuration table, generated from {@link #ALL}. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | accepts | meaning |\n|---|---|---|---|\n");
        ALL.forEach(key -> table.append("| `").append(key.name()).append("` | ")
                .append(key.defaultValue().isEmpty() ? "(none)" : "`" + key.defaultValue() + "`").append(" | ")
                .append(key.type().range()).append(" | ").append(key.description()).append(" |\n"));
        return table.toString();
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
