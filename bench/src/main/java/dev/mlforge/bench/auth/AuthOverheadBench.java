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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What authentication and permission checks cost the two hot paths: log-batch ingest ({@value #CLIENTS} clients x
 * {@value #BATCHES} requests of 1000 metrics) and V2 single-row inference ({@value #CLIENTS} clients x
 * {@value #PREDICTIONS} requests on the iris ONNX model), against a fresh in-process server per side: {@code --auth none},
 * {@code --auth basic} with a non-admin user's password, and the same user's API token (Bearer). The user created the
 * experiment (its grant is MANAGE) and reads the admin's deployment by the default permission, so every request is
 * authenticated and passes a permission check. The sides alternate round by round (order rotated) so each sees the same
 * moments of a shared machine, after a first round that warms the JIT and is not counted; reported are throughputs
 * and the process's CPU time per request (client and server share it), medians of the rounds, and each auth side's
 * ratio to none.
 *
 * <p>Run: {@code java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.auth.AuthOverheadBench [rounds]}.
 */
public final class AuthOverheadBench {
    private static final int CLIENTS = 4;
    private static final int WARM_UP = 30;
    private static final int BATCHES = 100;
    private static final int PREDICTIONS = 1500;
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final String ROW = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2]}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Side { NONE, BASIC, TOKEN }

    /**
     * One side of one round: log-batch and inference requests per second, and the process's CPU microseconds per
     * request of each (client and server share the process; CPU time moves less than throughput on a loaded machine).
     */
    private record Sample(double batchesPerSecond, double predictionsPerSecond, double cpuPerBatch, double cpuPerPrediction) {}

    private AuthOverheadBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path model = Path.of(System.getProperty("bench.model", "server/src/test/resources/serving/models/iris_logreg.onnx"))
                .toAbsolutePath();
        Map<Side, List<Sample>> samples = new EnumMap<>(Side.class);
        // round 0 warms the JIT on every side and is not counted: a side run first in a cold JVM costs twice as much
        for (int round = 0; round <= rounds; round++) {
            for (int i = 0; i < Side.values().length; i++) {
                Side side = Side.values()[(i + round) % Side.values().length];
                Sample sample = measure(side, model);
                if (round > 0) {
                    samples.computeIfAbsent(side, key -> new ArrayList<>()).add(sample);
                }
                System.out.printf("round %d %-5s: log-batch %.1f req/s %.0f CPU us/req, V2 infer %.0f req/s %.0f CPU us/req%n",
                        round, side, sample.batchesPerSecond(), sample.cpuPerBatch(), sample.predictionsPerSecond(),
                        sample.cpuPerPrediction());
            }
        }
        double ingestNone = median(samples.get(Side.NONE), Sample::batchesPerSecond);
        double inferNone = median(samples.get(Side.NONE), Sample::predictionsPerSecond);
        double cpuIngestNone = median(samples.get(Side.NONE), Sample::cpuPerBatch);
        double cpuInferNone = median(samples.get(Side.NONE), Sample::cpuPerPrediction);
        System.out.printf("medians of %d rounds: none: log-batch %.1f req/s %.0f CPU us/req, infer %.0f req/s %.0f CPU us/req%n",
                rounds, ingestNone, cpuIngestNone, inferNone, cpuInferNone);
        for (Side side : List.of(Side.BASIC, Side.TOKEN)) {
            double ingest = median(samples.get(side), Sample::batchesPerSecond);
            double infer = median(samples.get(side), Sample::predictionsPerSecond);
            double cpuIngest = median(samples.get(side), Sample::cpuPerBatch);
            double cpuInfer = median(samples.get(side), Sample::cpuPerPrediction);
            System.out.printf("%-5s: log-batch %.1f req/s (ratio to none %.3f), CPU %.0f us/req (ratio %.3f); "
                    + "infer %.0f req/s (ratio %.3f), CPU %.0f us/req (ratio %.3f)%n", side, ingest, ingest / ingestNone,
                    cpuIngest, cpuIngest / cpuIngestNone, infer, infer / inferNone, cpuInfer, cpuInfer / cpuInferNone);
        }
    }

    private static Sample measure(Side side, Path model) throws Exception {
        Path dataDir = Files.createTempDirectory("mlforge-bench-auth-");
        Map<String, String> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "grpc-port", "-1",
                "data-dir", dataDir.toString(), "log-level", "WARN"));
        if (side != Side.NONE) {
            values.putAll(Map.of("auth.mode", "basic", "admin-username", ADMIN, "admin-password", ADMIN_PASSWORD));
        }
        try (Application app = new Application(ServerConfig.from(ConfigValues.of(values))).start()) {
            String admin = side == Side.NONE ? null : basic(ADMIN, ADMIN_PASSWORD);
            new ModelDeployer(app.baseUrl(), admin).deploy("iris", model);
            String caller = side == Side.NONE ? null : user(app.baseUrl(), admin, side);
            MlflowLoadClient client = new MlflowLoadClient(app.baseUrl(), caller);
            run(AuditIngestBench.runBodies(client, CLIENTS, WARM_UP), body -> client.post("runs/log-batch", body));
            List<List<String>> bodies = AuditIngestBench.runBodies(client, CLIENTS, BATCHES);
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            run(bodies, body -> client.post("runs/log-batch", body));
            double ingest = CLIENTS * BATCHES / ((System.nanoTime() - start) / 1e9);
            double cpuPerBatch = (processCpuNanos() - cpu) / 1e3 / (CLIENTS * BATCHES);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<List<String>> rows = Collections.nCopies(CLIENTS, Collections.nCopies(PREDICTIONS, ROW));
            run(Collections.nCopies(CLIENTS, Collections.nCopies(200, ROW)), row -> infer(http, app.baseUrl(), caller, row));
            cpu = processCpuNanos();
            start = System.nanoTime();
            run(rows, row -> infer(http, app.baseUrl(), caller, row));
            double infer = CLIENTS * PREDICTIONS / ((System.nanoTime() - start) / 1e9);
            return new Sample(ingest, infer, cpuPerBatch, (processCpuNanos() - cpu) / 1e3 / (CLIENTS * PREDICTIONS));
        }
    }

    /** A non-admin user made by the admin; its Basic credentials, or (TOKEN) an API token it creates for itself. */
    private static String user(String baseUrl, String admin, Side side) throws Exception {
        new MlflowLoadClient(baseUrl, admin).post("users/create", "{\"username\":\"bench\",\"password\":\"bench-password\"}");
        String credentials = basic("bench", "bench-password");
        if (side == Side.BASIC) {
            return credentials;
        }
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/tokens"))
                .header("Content-Type", "application/json").header("Authorization", credentials)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("token creation answered " + created.statusCode() + ": " + created.body());
        }
        return "Bearer " + JSON.readTree(created.body()).path("secret").asText();
    }

    private static Object infer(HttpClient http, String baseUrl, String authorization, String row) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/models/iris/infer"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(row));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("infer answered " + answer.statusCode() + ": " + answer.body());
        }
        return null;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface Request {
        Object send(String body) throws Exception;
    }

    /** Each list sent in order by its own client thread; returns when all are answered. */
    private static void run(List<List<String>> perClient, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(perClient.size());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<String> own : perClient) {
                futures.add(pool.submit((Callable<Object>) () -> {
                    for (String body : own) {
                        request.send(body);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        List<Double> sorted = new ArrayList<>(samples.stream().map(value::applyAsDouble).toList());
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
