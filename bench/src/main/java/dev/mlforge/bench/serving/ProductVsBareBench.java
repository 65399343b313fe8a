package dev.mlforge.bench.serving;

import dev.mlforge.bench.process.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The serving data plane as users run it: {@code ./mlforge server} with its defaults (every feature on, its own
 * process, the launcher's JVM options) against the bare {@link BaselineServer} (JDK HttpServer + Jackson + ONNX
 * Runtime) side by side. Both models are deployed into mlforge through its API (logged to a run, registered,
 * deployed); wrk then drives single-row V2 JSON inference at 16 connections, rounds interleaved (bare, mlforge, then
 * mlforge, bare, ...) so both servers see the same background load, and each run's server CPU time is read from
 * {@code /proc/<pid>/stat}: CPU per request is the figure a shared machine moves least.
 *
 * <p>Run from the repository root after {@code ./mvnw -B -q -DskipTests package} (the 64-input MLP is generated with
 * Debian's python3-onnx: {@code generate_models.py bench-mlp64 OUT.onnx}; {@code bench/serving-product.sh} does both):
 * <pre>
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.serving.ProductVsBareBench IRIS.onnx MLP64.onnx [rounds] [seconds]
 * </pre>
 * System properties: {@code bench.launcher} (default {@code ./mlforge}), {@code bench.baseline.opts} (JVM options of
 * the bare server, default none: it runs as {@code java -cp} starts it), {@code bench.dir} (logs and bodies),
 * {@code bench.warmup} (seconds of untimed load per server and model first, default 20), {@code bench.launcher.other}
 * (a second mlforge launcher, for example a build of the commit before a change, measured in the same rounds).
 */
public final class ProductVsBareBench {
    private static final int CONNECTIONS = 16;

    private ProductVsBareBench() {}

    /** One model under test: its deployment name, model file and request body. */
    record Model(String name, Path onnx, Path body) {}

    public static void main(String[] args) throws Exception {
        Path iris = Path.of(args[0]).toAbsolutePath();
        Path mlp64 = Path.of(args[1]).toAbsolutePath();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                "mlforge-serving-bench-");
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        List<Model> models = List.of(new Model("iris", iris, body(dir, "iris", 4)), new Model("mlp64", mlp64, body(dir, "mlp64", 64)));
        System.out.printf("load average at start %.2f; logs in %s%n", loadAverage(), dir);
        String otherLauncher = System.getProperty("bench.launcher.other");
        try (ServerProcess bare = startBare(dir, models);
             ServerProcess mlforge = ServerProcess.mlforge(launcher, dir.resolve("mlforge-data"), null, dir.resolve("mlforge.log"));
             ServerProcess other = otherLauncher == null ? null : ServerProcess.mlforge(Path.of(otherLauncher).toAbsolutePath(),
                     dir.resolve("other-data"), null, dir.resolve("other.log"))) {
            List<ServerProcess> servers = new ArrayList<>(List.of(bare, mlforge));
            if (other != null) {
                servers.add(other);
            }
            for (ServerProcess server : servers.subList(1, servers.size())) {
                ModelDeployer deployer = new ModelDeployer(server.baseUrl());
                for (Model model : models) {
                    deployer.deploy(model.name(), model.onnx());
                }
            }
            Wrk wrk = new Wrk(Path.of("bench/serving/infer.lua").toAbsolutePath(), CONNECTIONS);
            int warmUp = Integer.getInteger("bench.warmup", 20);
            for (Model model : models) {
                // JIT warm-up of every server on both models, untimed: compiler threads count in a process's CPU time.
                for (ServerProcess server : servers) {
                    wrk.run(server.baseUrl(), model, warmUp);
                }
            }
            List<Figures> figures = new ArrayList<>();
            for (Model model : models) {
                Figures pair = new Figures(model.name());
                List<List<Run>> runs = List.of(pair.bare, pair.mlforge, pair.other);
                for (int round = 0; round < rounds; round++) {
                    // Rotate who goes first, so none always runs right after another's load.
                    for (int i = 0; i < servers.size(); i++) {
                        int index = (round + i) % servers.size();
                        measure(servers.get(index), wrk, model, seconds, runs.get(index));
                    }
                }
                figures.add(pair);
            }
            System.out.printf("%nsingle-row V2 JSON, %d connections, %d interleaved rounds of %d s (load average at end %.2f)%n",
                    CONNECTIONS, rounds, seconds, loadAverage());
            for (Figures pair : figures) {
                pair.print();
            }
        }
    }

    private static void measure(ServerProcess server, Wrk wrk, Model model, int seconds, List<Run> runs) throws Exception {
        server.awaitIdle();
        Duration cpuBefore = server.cpuTime();
        ThreadCpu.Snapshot threadsBefore = ThreadCpu.take(server.pid());
        Wrk.Result result = wrk.run(server.baseUrl(), model, seconds);
        Duration cpu = server.cpuTime().minus(cpuBefore);
        String threads = ThreadCpu.perRequest(threadsBefore, ThreadCpu.take(server.pid()), result.requests());
        runs.add(new Run(result.requestsPerSecond(), result.p50Millis(), cpu.toNanos() / 1000.0 / result.requests(), threads));
    }

    private static ServerProcess startBare(Path dir, List<Model> models) throws Exception {
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String options = System.getProperty("bench.baseline.opts", "").trim();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BaselineServer.class.getName(),
                models.get(0).onnx().toString(), String.valueOf(port)));
        for (Model model : models) {
            command.add(model.name() + "=" + model.onnx());
        }
        return ServerProcess.start(command, port, dir.resolve("bare.log"), Duration.ofMinutes(1));
    }

    /** A single-row FP32 request for a model with {@code features} inputs named {@code input}. */
    private static Path body(Path dir, String name, int features) throws Exception {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < features; i++) {
            data.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", 0.25 + (i * 37 % 100) / 40.0));
        }
        Path body = dir.resolve(name + ".json");
        Files.writeString(body, "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, " + features
                + "], \"datatype\": \"FP32\", \"data\": [" + data + "]}]}");
        return body;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** One measured run: wrk's throughput and median latency, and the server's CPU per request. */
    record Run(double requestsPerSecond, double p50Millis, double cpuMicrosPerRequest, String cpuByThread) {}

    /** The runs of both servers on one model. */
    static final class Figures {
        final String model;
        final List<Run> bare = new ArrayList<>();
        final List<Run> mlforge = new ArrayList<>();
        /** The second mlforge ({@code bench.launcher.other}, for example the build before a change), or empty. */
        final List<Run> other = new ArrayList<>();

        Figures(String model) {
            this.model = model;
        }

        void print() {
            double bareRps = median(bare, Run::requestsPerSecond);
            double mlforgeRps = median(mlforge, Run::requestsPerSecond);
            double bareCpu = median(bare, Run::cpuMicrosPerRequest);
            double mlforgeCpu = median(mlforge, Run::cpuMicrosPerRequest);
            line("bare-" + model, bare);
            line("mlforge-" + model, mlforge);
            System.out.printf(Locale.ROOT, "%-16s mlforge/bare req/s %.2f (target >= 0.85); bare/mlforge CPU per request %.2f%n",
                    model, mlforgeRps / bareRps, bareCpu / mlforgeCpu);
            System.out.println("  us CPU per request by thread group, last run: bare: " + bare.get(bare.size() - 1).cpuByThread()
                    + "; mlforge: " + mlforge.get(mlforge.size() - 1).cpuByThread());
            if (!other.isEmpty()) {
                line("other-" + model, other);
                System.out.printf(Locale.ROOT, "%-16s other/bare req/s %.2f; mlforge/other req/s %.2f; other/mlforge CPU per request %.2f%n",
                        model, median(other, Run::requestsPerSecond) / bareRps, mlforgeRps / median(other, Run::requestsPerSecond),
                        median(other, Run::cpuMicrosPerRequest) / mlforgeCpu);
                System.out.println("  us CPU per request by thread group, last run: other: " + other.get(other.size() - 1).cpuByThread());
            }
        }

        private static void line(String label, List<Run> runs) {
            System.out.printf(Locale.ROOT, "%-16s %8.0f req/s  p50 %6.3f ms  %6.1f us CPU/request   (runs: %s)%n", label,
                    median(runs, Run::requestsPerSecond), median(runs, Run::p50Millis), median(runs, Run::cpuMicrosPerRequest),
                    runs.stream().map(run -> String.format(Locale.ROOT, "%.0f/%.1fus", run.requestsPerSecond(),
                            run.cpuMicrosPerRequest())).toList());
        }

        private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
            double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
    }
}
