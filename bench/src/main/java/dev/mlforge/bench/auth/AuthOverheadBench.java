package dev.mlforge.bench.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.app.Application;
import dev.mlforge.bench.serving.ModelDeployer;
import dev.mlforge.bench.tracking.AuditIngestBench;
import dev.mlforge.bench.tracking.MlflowLoadClient;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What authentication and permission checks cost the two hot paths: log-batch ingest ({@value #CLIENTS} clients x
 * {@value #BATCHES} requests of 1000 metrics) and V2 single-row inference ({@value #CLIENTS} clients x
 * {@value #PREDICTIONS} requests on the iris ONNX model), against a fresh in-process server per side: {@code --auth none},
 * {@code --auth basic} with a non-admin user's password, the same user's API token (Bearer), and {@code --auth oidc}
 * with an RS256 token of an issuer started here. The user created the experiment (its grant is MANAGE) and reads the
 * admin's deployment by the default permission, so every request is authenticated and passes a permission check.
 *
 * <p>Each server is warmed ({@value #WARM_UP_BATCHES} log-batch and {@value #WARM_UP_PREDICTIONS} infer requests per
 * client) before its clock starts, and round 0 (every side once, to warm the JIT of the shared JVM) is not counted; the
 * sides rotate round by round so each sees the same moments of a shared machine. Reported: throughput and the server's
 * CPU time per request (process CPU minus the client threads'), medians of the rounds, each auth side's ratio to none,
 * and how many requests were retried after a closed keep-alive connection.
 *
 * <p>Run: {@code java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.auth.AuthOverheadBench [rounds]}.
 */
public final class AuthOverheadBench {
    private static final int CLIENTS = 4;
    private static final int WARM_UP_BATCHES = 60;
    private static final int BATCHES = 100;
    private static final int WARM_UP_PREDICTIONS = 1500;
    private static final int PREDICTIONS = 2500;
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final String USER = "bench";
    private static final String ROW = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2]}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Side { NONE, BASIC, TOKEN, OIDC }

    /** One side of one round: the measured log-batch and inference passes. */
    private record Sample(TimedClients.Pass ingest, TimedClients.Pass infer) {}

    private AuthOverheadBench() {}

    public static void main(String[] args) throws Exception {
        // a POST on a closed keep-alive connection is retried by this bench, and counted, not silently by the JDK
        System.setProperty("sun.net.http.retryPost", "false");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path model = Path.of(System.getProperty("bench.model", "server/src/test/resources/serving/models/iris_logreg.onnx"))
                .toAbsolutePath();
        Map<Side, List<Sample>> samples = new EnumMap<>(Side.class);
        int retries = 0;
        try (BenchIssuer issuer = new BenchIssuer()) {
            for (int round = 0; round <= rounds; round++) {
                for (int i = 0; i < Side.values().length; i++) {
                    Side side = Side.values()[(i + round) % Side.values().length];
                    Sample sample = measure(side, model, issuer);
                    retries += sample.ingest().retries() + sample.infer().retries();
                    if (round > 0) {
                        samples.computeIfAbsent(side, key -> new ArrayList<>()).add(sample);
                    }
                    System.out.printf("round %d %-5s: log-batch %.1f req/s %.0f server CPU us/req, V2 infer %.0f req/s "
                            + "%.0f server CPU us/req%n", round, side, sample.ingest().perSecond(),
                            sample.ingest().serverCpuMicros(), sample.infer().perSecond(), sample.infer().serverCpuMicros());
                }
            }
        }
        report(samples, rounds, retries);
    }

    private static void report(Map<Side, List<Sample>> samples, int rounds, int retries) {
        List<Sample> none = samples.get(Side.NONE);
        double ingestNone = median(none, sample -> sample.ingest().perSecond());
        double cpuIngestNone = median(none, sample -> sample.ingest().serverCpuMicros());
        double inferNone = median(none, sample -> sample.infer().perSecond());
        double cpuInferNone = median(none, sample -> sample.infer().serverCpuMicros());
        System.out.printf("medians of %d rounds, none: log-batch %.1f req/s %.0f server CPU us/req; infer %.0f req/s "
                + "%.0f server CPU us/req%n", rounds, ingestNone, cpuIngestNone, inferNone, cpuInferNone);
        for (Side side : List.of(Side.BASIC, Side.TOKEN, Side.OIDC)) {
            List<Sample> own = samples.get(side);
            double ingest = median(own, sample -> sample.ingest().perSecond());
            double cpuIngest = median(own, sample -> sample.ingest().serverCpuMicros());
            double infer = median(own, sample -> sample.infer().perSecond());
            double cpuInfer = median(own, sample -> sample.infer().serverCpuMicros());
            System.out.printf("%-5s: log-batch %.1f req/s (ratio to none %.3f), server CPU %.0f us/req (ratio %.3f, "
                    + "overhead %+.1f%%); infer %.0f req/s (ratio %.3f), server CPU %.0f us/req (ratio %.3f, overhead %+.1f%%)%n",
                    side, ingest, ingest / ingestNone, cpuIngest, cpuIngest / cpuIngestNone, 100 * (cpuIngest / cpuIngestNone - 1),
                    infer, infer / inferNone, cpuInfer, cpuInfer / cpuInferNone, 100 * (cpuInfer / cpuInferNone - 1));
        }
        System.out.printf("requests retried after a closed connection: %d%n", retries);
    }

    private static Sample measure(Side side, Path model, BenchIssuer issuer) throws Exception {
        Path dataDir = Files.createTempDirectory("mlforge-bench-auth-");
        Map<String, String> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "grpc-port", "-1",
                "data-dir", dataDir.toString(), "log-level", "WARN"));
        if (side != Side.NONE) {
            values.putAll(Map.of("auth.mode", "basic", "admin-username", ADMIN, "admin-password", ADMIN_PASSWORD));
        }
        if (side == Side.OIDC) {
            values.putAll(issuer.serverSettings());
        }
        try (Application app = new Application(ServerConfig.from(ConfigValues.of(values))).start()) {
            String admin = side == Side.NONE ? null : basic(ADMIN, ADMIN_PASSWORD);
            new ModelDeployer(app.baseUrl(), admin).deploy("iris", model);
            String caller = side == Side.NONE ? null : user(app.baseUrl(), admin, side, issuer);
            MlflowLoadClient client = new MlflowLoadClient(app.baseUrl(), caller);
            String logBatch = app.baseUrl() + "/api/2.0/mlflow/runs/log-batch";
            String infer = app.baseUrl() + "/v2/models/iris/infer";
            TimedClients.post(logBatch, caller, AuditIngestBench.runBodies(client, CLIENTS, WARM_UP_BATCHES));
            TimedClients.post(infer, caller, Collections.nCopies(CLIENTS, Collections.nCopies(WARM_UP_PREDICTIONS, ROW)));
            List<List<String>> bodies = AuditIngestBench.runBodies(client, CLIENTS, BATCHES);
            TimedClients.Pass ingest = TimedClients.post(logBatch, caller, bodies);
            TimedClients.Pass inference = TimedClients.post(infer, caller,
                    Collections.nCopies(CLIENTS, Collections.nCopies(PREDICTIONS, ROW)));
            return new Sample(ingest, inference);
        }
    }

    /**
     * The non-admin caller: a user made by the admin, with its Basic credentials or (TOKEN) an API token it creates
     * for itself; (OIDC) a token of the issuer for a user of the editors' group, whom the server knows only from it.
     */
    private static String user(String baseUrl, String admin, Side side, BenchIssuer issuer) throws Exception {
        if (side == Side.OIDC) {
            return issuer.token(USER);
        }
        new MlflowLoadClient(baseUrl, admin).post("users/create", "{\"username\":\"" + USER + "\",\"password\":\"bench-password\"}");
        String credentials = basic(USER, "bench-password");
        if (side == Side.BASIC) {
            return credentials;
        }
        HttpResponse<String> created = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/tokens"))
                        .header("Content-Type", "application/json").header("Authorization", credentials)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("token creation answered " + created.statusCode() + ": " + created.body());
        }
        return "Bearer " + JSON.readTree(created.body()).path("secret").asText();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
        List<Double> sorted = new ArrayList<>(samples.stream().map(value::applyAsDouble).toList());
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
