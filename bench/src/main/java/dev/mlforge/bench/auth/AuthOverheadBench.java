package dev.mlforge.bench.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.bench.process.Folders;
import dev.mlforge.bench.process.ServerProcess;
import dev.mlforge.bench.serving.ModelDeployer;
import dev.mlforge.bench.serving.ThreadCpu;
import dev.mlforge.bench.tracking.AuditIngestBench;
import dev.mlforge.bench.tracking.MlflowLoadClient;
import dev.mlforge.config.ConfigKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What authentication and permission checks cost the two hot paths: log-batch ingest ({@value #CLIENTS} clients
 * posting batches of 1000 metrics) and V2 single-row inference ({@value #CLIENTS} clients on the iris ONNX model). Each
 * side is one {@code ./mlforge server} started as the README says (defaults, every feature on; {@code -Dbench.launcher}
 * names another launcher), started once and warmed, for the whole run: {@code --auth none}; {@code basic}
 * with a non-admin user's password; the same kind of user's API token (Bearer {@code mlf_...}); {@code oidc} with an
 * RS256 token of an issuer started here. The user created the experiment it logs to (its grant is MANAGE) and reads
 * the admin's deployment by the default permission, so every request is authenticated and passes a permission check.
 *
 * <p>The sides are interleaved in many short rounds (the order rotates each round), so each sees the same moments of
 * a shared machine. The figure that survives a loaded machine is the server's CPU time per request, read from
 * {@code /proc} (the server process's user + system time) around each pass; throughput is printed next to it. Reported:
 * per side and workload, the median over rounds of CPU per request and of its ratio to the none side of the same round.
 * Setting {@code -Dbench.jfr=DIR} records each server with Java Flight Recorder ({@code DIR/<side>.jfr}) and reports,
 * per side, the share of its execution samples (every thread) taken while its measured log-batch passes ran, and
 * while its inference passes ran, that were in authentication and permission checks ({@link AuthSamples}): a second
 * figure, read inside each server, that the machine's load hardly moves. Samples are of threads running Java code, so
 * time in native code (ONNX Runtime, SQLite, socket writes) is not in the denominator and the share overstates.
 *
 * <p>Run: {@code java -Dbench.jfr=/tmp/auth-jfr -cp bench/target/mlforge-bench.jar dev.mlforge.bench.auth.AuthOverheadBench
 * [rounds=9] [batches per client and round=100] [predictions per client and round=3000]}; each pass then costs a
 * server about 2 s of CPU on a quiet machine, 200 ticks of {@code /proc}'s 10 ms. A log-batch pass ends once the
 * metric log has folded every point it logged into the history, so each pass holds the same work. Each side warms up
 * until its JIT compilers take under 3 % of a pass's CPU (at most 8 passes), and the log-batch passes' CPU is reported
 * by thread group per side. Servers listen on ports 19101, 19103, 19105 and 19107, gRPC on the next port of each
 * ({@code -Dbench.port=BASE} moves them to BASE+1...).
 */
public final class AuthOverheadBench {
    private static final int CLIENTS = 4;
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final String USER = "bench";
    private static final String ROW = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2]}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Side { NONE, BASIC, TOKEN, OIDC }

    /** One side of one round: the measured log-batch and inference passes. */
    private record Sample(TimedClients.Pass ingest, TimedClients.Pass infer) {}

    /** A side's warm server, its data dir (deleted when the bench ends) and the credentials its caller sends. */
    private record Target(ServerProcess server, Path dataDir, String caller, Map<String, Long> ingestTicksByThreadGroup) {
        Target(ServerProcess server, Path dataDir, String caller) {
            this(server, dataDir, caller, new java.util.TreeMap<>());
        }
    }

    /** Warm-up passes per side at most; one ends the warm-up once the JIT compilers took under this share of its CPU. */
    private static final int MAX_WARM_UP_PASSES = 8;
    private static final double SETTLED_COMPILER_SHARE = 0.03;

    private AuthOverheadBench() {}

    public static void main(String[] args) throws Exception {
        // a POST on a closed keep-alive connection is retried by this bench, and counted, not silently by the JDK
        System.setProperty("sun.net.http.retryPost", "false");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int predictions = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        Path model = Path.of(System.getProperty("bench.model", "server/src/test/resources/serving/models/iris_logreg.onnx"))
                .toAbsolutePath();
        Map<Side, Target> targets = new EnumMap<>(Side.class);
        Map<Side, List<Sample>> samples = new EnumMap<>(Side.class);
        try (BenchIssuer issuer = new BenchIssuer()) {
            try {
                for (Side side : Side.values()) {
                    targets.put(side, start(side, model, issuer));
                }
                for (Side side : Side.values()) {
                    warmUp(side, targets.get(side), batches, predictions);
                }
                for (int round = 1; round <= rounds; round++) {
                    for (int i = 0; i < Side.values().length; i++) {
                        Side side = Side.values()[(i + round) % Side.values().length];
                        Sample sample = measure(targets.get(side), batches, predictions);
                        samples.computeIfAbsent(side, key -> new ArrayList<>()).add(sample);
                        System.out.printf("round %d %-5s: log-batch %.1f req/s %.0f server CPU us/req, V2 infer %.0f req/s "
                                + "%.0f server CPU us/req%n", round, side, sample.ingest().perSecond(),
                                sample.ingest().serverCpuMicros(), sample.infer().perSecond(), sample.infer().serverCpuMicros());
                    }
                }
                report(samples, rounds);
                for (Side side : Side.values()) {
                    long requests = samples.get(side).stream().mapToLong(sample -> sample.ingest().requests()).sum();
                    System.out.printf("%-5s: log-batch server CPU per request by thread group (us): %s%n", side,
                            ThreadCpu.perRequest(targets.get(side).ingestTicksByThreadGroup(), requests));
                }
                if (System.getProperty("bench.jfr") != null) {
                    reportSamples(targets, samples);
                }
            } finally {
                for (Target target : targets.values()) {
                    target.server().close();
                    Folders.delete(target.dataDir());
                }
            }
        }
    }

    /**
     * Each side's recording, dumped now, and the share of its samples in authentication and permission checks while
     * its measured log-batch passes ran, and while its inference passes ran.
     */
    private static void reportSamples(Map<Side, Target> targets, Map<Side, List<Sample>> samples) throws Exception {
        for (Side side : Side.values()) {
            Path file = jfrFile(side);
            Files.createDirectories(file.getParent());
            Process dump = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(targets.get(side).server().pid()), "JFR.dump", "name=bench", "filename=" + file)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (dump.waitFor() != 0) {
                System.out.printf("%-5s: no recording (jcmd JFR.dump exited %d)%n", side, dump.exitValue());
                continue;
            }
            List<Sample> own = samples.get(side);
            AuthSamples.Shares shares = AuthSamples.of(file,
                    own.stream().map(sample -> window(sample.ingest())).toList(),
                    own.stream().map(sample -> window(sample.infer())).toList());
            System.out.printf("%-5s: server samples (all threads) in dev.mlforge.auth during the measured passes: "
                    + "log-batch %.2f%% of %d, infer %.2f%% of %d (%s)%n", side, shares.ingest().percent(),
                    shares.ingest().samples(), shares.infer().percent(), shares.infer().samples(), file);
        }
    }

    private static AuthSamples.Window window(TimedClients.Pass pass) {
        return new AuthSamples.Window(pass.from(), pass.to());
    }

    private static Path jfrFile(Side side) {
        return Path.of(System.getProperty("bench.jfr")).toAbsolutePath().resolve(side.name().toLowerCase() + ".jfr");
    }

    private static void report(Map<Side, List<Sample>> samples, int rounds) {
        List<Sample> none = samples.get(Side.NONE);
        System.out.printf("medians of %d rounds on one warm server per side; server CPU from /proc per request%n", rounds);
        System.out.printf("NONE : log-batch %.1f req/s, %.0f server CPU us/req; infer %.0f req/s, %.0f server CPU us/req%n",
                median(none, sample -> sample.ingest().perSecond()), median(none, sample -> sample.ingest().serverCpuMicros()),
                median(none, sample -> sample.infer().perSecond()), median(none, sample -> sample.infer().serverCpuMicros()));
        printSpread(none, "log-batch", sample -> sample.ingest().perSecond());
        printSpread(none, "infer", sample -> sample.infer().perSecond());
        int retries = 0;
        for (Side side : Side.values()) {
            List<Sample> own = samples.get(side);
            retries += own.stream().mapToInt(sample -> sample.ingest().retries() + sample.infer().retries()).sum();
            if (side == Side.NONE) {
                continue;
            }
            Map<String, Double> ratios = new LinkedHashMap<>();
            ratios.put("ingestCpu", pairedMedian(own, none, sample -> sample.ingest().serverCpuMicros()));
            ratios.put("ingestRate", pairedMedian(own, none, sample -> sample.ingest().perSecond()));
            ratios.put("inferCpu", pairedMedian(own, none, sample -> sample.infer().serverCpuMicros()));
            ratios.put("inferRate", pairedMedian(own, none, sample -> sample.infer().perSecond()));
            System.out.printf("%-5s: log-batch %.1f req/s, %.0f server CPU us/req, server CPU %+.1f%% of none (req/s ratio %.3f); "
                    + "infer %.0f req/s, %.0f server CPU us/req, server CPU %+.1f%% of none (req/s ratio %.3f)%n", side,
                    median(own, sample -> sample.ingest().perSecond()), median(own, sample -> sample.ingest().serverCpuMicros()),
                    100 * (ratios.get("ingestCpu") - 1), ratios.get("ingestRate"),
                    median(own, sample -> sample.infer().perSecond()), median(own, sample -> sample.infer().serverCpuMicros()),
                    100 * (ratios.get("inferCpu") - 1), ratios.get("inferRate"));
        }
        System.out.printf("requests retried after a closed connection: %d%n", retries);
    }

    /**
     * A side's warm server: {@code ./mlforge server} as the README starts it (defaults, every feature on), with
     * {@code --auth} and the first admin from {@code MLFORGE_ADMIN_USERNAME}/{@code PASSWORD}; the OIDC settings come
     * from the environment, as an operator would set them. The model is deployed and the caller's credentials made.
     */
    private static Target start(Side side, Path model, BenchIssuer issuer) throws Exception {
        // gRPC listens on the HTTP port + 1 by default: the sides' ports are two apart
        int port = Integer.getInteger("bench.port", 19100) + 1 + 2 * side.ordinal();
        Path dataDir = Files.createTempDirectory("mlforge-bench-auth-");
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "server", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--data-dir", dataDir.toString()));
        Map<String, String> environment = new LinkedHashMap<>();
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            environment.put("MLFORGE_JAVA_OPTS", "-XX:FlightRecorderOptions:stackdepth=128 "
                    + "-XX:StartFlightRecording=name=bench,settings=profile");
        }
        if (side != Side.NONE) {
            command.addAll(List.of("--auth", side == Side.OIDC ? "oidc" : "basic"));
            environment.put("MLFORGE_ADMIN_USERNAME", ADMIN);
            environment.put("MLFORGE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        }
        if (side == Side.OIDC) {
            issuer.serverSettings().forEach((key, value) -> environment.put(ConfigKeys.find(key)
                    .orElseThrow(() -> new IllegalStateException("no configuration key " + key)).environmentVariable(), value));
        }
        ServerProcess server = ServerProcess.start(command, environment, port, dataDir.resolve("server.log"),
                Duration.ofMinutes(10));
        String baseUrl = server.baseUrl();
        String admin = side == Side.NONE ? null : basic(ADMIN, ADMIN_PASSWORD);
        new ModelDeployer(baseUrl, admin).deploy("iris", model);
        return new Target(server, dataDir, side == Side.NONE ? null : user(baseUrl, admin, side, issuer));
    }

    /**
     * Passes until the server's JIT compilers settle: in a first run they still took 16-18 % of each server's CPU
     * after two passes, more than the 5 % the bench is to tell apart, and each JVM compiles differently.
     */
    private static void warmUp(Side side, Target target, int batches, int predictions) throws Exception {
        for (int pass = 1; ; pass++) {
            ThreadCpu.Snapshot before = ThreadCpu.take(target.server().pid());
            measure(target, batches, predictions);
            Map<String, Long> used = ThreadCpu.ticksByGroup(before, ThreadCpu.take(target.server().pid()));
            long all = used.values().stream().mapToLong(Long::longValue).sum();
            long compilers = used.entrySet().stream().filter(group -> group.getKey().contains("CompilerThre"))
                    .mapToLong(Map.Entry::getValue).sum();
            double share = all == 0 ? 0 : (double) compilers / all;
            if (share < SETTLED_COMPILER_SHARE || pass == MAX_WARM_UP_PASSES) {
                System.out.printf("%-5s: warm after %d passes (JIT compilers %.1f%% of the last pass's CPU)%n", side, pass,
                        100 * share);
                target.ingestTicksByThreadGroup().clear();
                return;
            }
        }
    }

    /** One log-batch pass (a new experiment and a run per client) and one inference pass on a side's server. */
    private static Sample measure(Target target, int batches, int predictions) throws Exception {
        String baseUrl = target.server().baseUrl();
        MlflowLoadClient client = new MlflowLoadClient(baseUrl, target.caller());
        List<List<String>> bodies = AuditIngestBench.runBodies(client, CLIENTS, batches);
        ThreadCpu.Snapshot threadsBefore = ThreadCpu.take(target.server().pid());
        String runId = JSON.readTree(bodies.get(0).get(0)).path("run_id").asText();
        TimedClients.Pass ingest = TimedClients.post(baseUrl + "/api/2.0/mlflow/runs/log-batch", target.caller(), bodies,
                () -> target.server().cpuTime().toNanos(), () -> foldStagedPoints(client, runId), () -> settle(target.server()));
        ThreadCpu.ticksByGroup(threadsBefore, ThreadCpu.take(target.server().pid()))
                .forEach((group, ticks) -> target.ingestTicksByThreadGroup().merge(group, ticks, Long::sum));
        TimedClients.Pass infer = TimedClients.post(baseUrl + "/v2/models/iris/infer", target.caller(),
                Collections.nCopies(CLIENTS, Collections.nCopies(predictions, ROW)),
                () -> target.server().cpuTime().toNanos(), () -> null, () -> settle(target.server()));
        return new Sample(ingest, infer);
    }

    /**
     * Ends a log-batch pass once its points are in the metric history: a sampled history read folds the staged
     * metric log first (SQLite), so the pass's time and CPU hold the fold of every point it logged. Left to the
     * background folder, the pass held five or six of its 200,000-point folds depending on the moment (about a
     * fifth of its CPU either way), and the rest landed in the next pass, so identical servers differed by 1.5x in
     * the folder's CPU per request.
     */
    private static Object foldStagedPoints(MlflowLoadClient client, String runId) throws Exception {
        return client.get("metrics/get-history-bulk-interval?run_ids=" + runId + "&metric_key=m0&max_results=2");
    }

    private static void settle(ServerProcess server) {
        try {
            server.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The non-admin caller: a user made by the admin, with its Basic credentials or (TOKEN) an API token it creates
     * for itself; (OIDC) a token of the issuer for a user of the editors' group, whom the server knows only from it.
     */
    private static String user(String baseUrl, String admin, Side side, BenchIssuer issuer) throws Exception {
        if (side == Side.OIDC) {
            return admitted(baseUrl, issuer.token(USER));
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

    /**
     * The OIDC caller once the server has admitted it: its first request makes the server fetch the issuer's keys, which
     * a loaded machine may not serve within the JWK client's timeouts, so it is tried again.
     */
    private static String admitted(String baseUrl, String bearer) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int attempt = 1; ; attempt++) {
            int status = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/2.0/mlflow/users/current"))
                    .header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return bearer;
            }
            if (attempt == 10) {
                throw new IllegalStateException("the OIDC caller is refused with " + status);
            }
            Thread.sleep(1000);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The median over rounds of {@code side}'s value divided by the none side's in the same round. */
    private static double pairedMedian(List<Sample> side, List<Sample> none, ToDoubleFunction<Sample> value) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < side.size(); round++) {
            ratios.add(value.applyAsDouble(side.get(round)) / value.applyAsDouble(none.get(round)));
        }
        return medianOf(ratios);
    }

    /**
     * The machine's own noise, for reading the ratios: how far none's passes, the same work on the same server, spread
     * around their median (lowest, quartiles, highest).
     */
    private static void printSpread(List<Sample> none, String workload, ToDoubleFunction<Sample> value) {
        List<Double> values = new ArrayList<>(none.stream().map(value::applyAsDouble).sorted().toList());
        double median = medianOf(values);
        int last = values.size() - 1;
        System.out.printf("NONE : its own %s passes, req/s against their median: lowest %.3f, quartiles %.3f-%.3f, "
                + "highest %.3f%n", workload, values.get(0) / median, values.get(last / 4) / median,
                values.get(last - last / 4) / median, values.get(last) / median);
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return medianOf(new ArrayList<>(samples.stream().map(value::applyAsDouble).toList()));
    }

    private static double medianOf(List<Double> values) {
        Collections.sort(values);
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }
}
