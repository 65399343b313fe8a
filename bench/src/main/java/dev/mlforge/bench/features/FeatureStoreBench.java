package dev.mlforge.bench.features;

import dev.mlforge.bench.process.Folders;
import dev.mlforge.bench.process.ServerProcess;
import dev.mlforge.features.FeatureField;
import dev.mlforge.features.FeatureSource;
import dev.mlforge.features.FeatureView;
import dev.mlforge.features.OfflineEngine;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The feature store's figures (issue 17).
 *
 * <pre>
 * java -Xmx2g -cp bench/target/mlforge-bench.jar dev.mlforge.bench.features.FeatureStoreBench pit [entity rows] [keys] [rows per key]
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.features.FeatureStoreBench online [entities] [port] [seconds]
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.features.FeatureStoreBench lookup [entities] [calls]
 * </pre>
 * {@code lookup}: the in-process lookup alone ({@link InProcessLookups}).
 * {@code pit}: a point-in-time join of N entity rows (default 10,000,000) with a view of 10 Float64 features
 * (200,000 keys x 10 rows), Parquet in and out, timed around the engine call only (the data is generated first); in
 * join order against the bare DuckDB ASOF join, with the entity order kept against that join sorted back the same way.
 * {@code online}: {@code ./mlforge server} started as users start it (defaults; {@code -Dmlforge.launcher=PATH} when not
 * run from the checkout) against a bare JDK HttpServer answering the same lookup from an in-process feature store
 * ({@link OnlineBaselineServer} on port + 2, which also prints the in-process lookup's latency), each in its own
 * process with a 10-feature view of N entities (default 100,000) materialized. {@code POST /get-online-features} for
 * one random entity is driven by {@link OpenLoopLoad} (latency from each request's due time: coordinated omission
 * corrected) at Feast's published load (5 connections, 100 req/s), at 1,000, 2,000 and 5,000 req/s over 16
 * connections, and closed-loop at saturation over 16; each load runs on the baseline, on the server, and on the server
 * through its router ({@code Accept-Encoding: br}), and prints p50/p99/p99.9, the server's CPU per request and the
 * ratios. Each load then runs again on the baseline and the server through {@code wrk} (a C client; {@link WrkLoad}
 * with {@code online-wrk.lua}, which paces it to the same rate), whose latency counts from each request's send, as
 * vegeta's (Feast's figure) does: the Java rows charge the generator's own late wake-ups to the server, the wrk rows
 * do not. {@code -Dbench.wrk=PATH} names the executable; without one the Java rows print alone. Set
 * {@code MLFORGE_JAVA_OPTS=-Xlog:gc:file=gc.log} to see the server's collections.
 */
public final class FeatureStoreBench {
    private static final int FEATURES = 10;

    private FeatureStoreBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "pit";
        if (mode.equals("pit")) {
            pit(arg(args, 1, 10_000_000), arg(args, 2, 200_000), arg(args, 3, 10));
        } else if (mode.equals("lookup")) {
            InProcessLookups.main(new String[] {String.valueOf(arg(args, 1, 100_000)), String.valueOf(arg(args, 2, 1_000_000))});
        } else {
            online(arg(args, 1, 100_000), arg(args, 2, 19350), arg(args, 3, 10));
        }
    }

    private static long arg(String[] args, int index, long fallback) {
        return args.length > index ? Long.parseLong(args[index].replace("_", "")) : fallback;
    }

    static void pit(long entityRows, long keys, long rowsPerKey) throws Exception {
        Path dir = Files.createTempDirectory("fs-bench-");
        Path features = dir.resolve("features.parquet");
        Path entities = dir.resolve("entities.parquet");
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            StringBuilder columns = new StringBuilder();
            for (int f = 0; f < FEATURES; f++) {
                columns.append(", random() AS f").append(f);
            }
            // feature rows: each key every ~hour over rowsPerKey hours, with jitter; entity rows spread over the same span
            statement.execute("COPY (SELECT i % " + keys + " AS driver_id, TIMESTAMP '2024-01-01' + to_seconds(CAST((i // " + keys
                    + ") * 3600 + floor(random() * 3600) AS BIGINT)) AS event_timestamp" + columns + " FROM range(" + keys * rowsPerKey
                    + ") t(i)) TO '" + features + "' (FORMAT parquet)");
            statement.execute("COPY (SELECT CAST(floor(random() * " + keys * 1.05 + ") AS BIGINT) AS driver_id, TIMESTAMP '2024-01-01' "
                    + "+ to_seconds(CAST(floor(random() * " + (rowsPerKey + 1) * 3600 + ") AS BIGINT)) AS event_timestamp, i AS label "
                    + "FROM range(" + entityRows + ") t(i)) TO '" + entities + "' (FORMAT parquet)");
        }
        System.out.printf("generated %,d entity rows and %,d feature rows x %d features in %.1f s%n", entityRows, keys * rowsPerKey,
                FEATURES, (System.nanoTime() - started) / 1e9);
        List<FeatureField> fields = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            fields.add(new FeatureField("f" + f, "Float64"));
        }
        FeatureView view = new FeatureView("stats", List.of("driver"), fields, new FeatureSource(null, null, "features.parquet"),
                "event_timestamp", 7 * 86_400, true, "", 1, 0);
        OfflineEngine engine = new OfflineEngine(dir.resolve("tmp"));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= 2; round++) {
            for (boolean keepOrder : new boolean[] {false, true}) {
                // each mode against DuckDB's own floor for it: the bare ASOF join, and the bare ASOF join sorted back
                Path bare = dir.resolve("bare-" + round + ".parquet");
                long start = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                long rows = bareJoin(entities, features, bare, keepOrder);
                double[] baseline = report(round, keepOrder ? "baseline: bare DuckDB ASOF LEFT JOIN ORDER BY file_row_number, "
                        + "default Parquet writer" : "baseline: bare DuckDB ASOF LEFT JOIN, no casts, dedup or order, default Parquet "
                        + "writer", entityRows, rows, bare, start, cpu, os);
                Path output = dir.resolve("joined-" + round + ".parquet");
                start = System.nanoTime();
                cpu = os.getProcessCpuTime();
                rows = engine.pointInTimeJoin(entities, "event_timestamp",
                        List.of(new OfflineEngine.ViewJoin(view, List.of("driver_id"), fields, features)), false, output, keepOrder);
                double[] measured = report(round, keepOrder ? "OfflineEngine, entity order kept" : "OfflineEngine, join order",
                        entityRows, rows, output, start, cpu, os);
                System.out.printf("round %d, ratio to the baseline: %.2f of its CPU, %.2f of its wall (target: 10 s wall on two "
                        + "idle cores, so at most ~20 s CPU)%n", round, measured[1] / baseline[1], measured[0] / baseline[0]);
            }
        }
        Folders.delete(dir);
    }

    /**
     * The floor: the same join as one DuckDB statement over the same files, with nothing the product adds; {@code ordered}
     * sorts it back into the entity file's order, the least any engine on DuckDB pays for that order.
     */
    private static long bareJoin(Path entities, Path features, Path output, boolean ordered) throws Exception {
        StringBuilder values = new StringBuilder();
        for (int f = 0; f < FEATURES; f++) {
            values.append(", v.f").append(f);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("SET preserve_insertion_order = false");
            return statement.executeUpdate("COPY (SELECT e.driver_id, e.event_timestamp, e.label" + values + " FROM read_parquet('"
                    + entities + "', file_row_number = true) e ASOF LEFT JOIN read_parquet('" + features + "') v ON e.driver_id = "
                    + "v.driver_id AND e.event_timestamp >= v.event_timestamp" + (ordered ? " ORDER BY e.file_row_number" : "")
                    + ") TO '" + output + "' (FORMAT parquet)");
        }
    }

    /** Prints one measurement and returns its wall and process CPU seconds. */
    private static double[] report(int round, String what, long entityRows, long rows, Path output, long start, long cpu,
            com.sun.management.OperatingSystemMXBean os) throws IOException {
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        System.out.printf("round %d, %s: %,d entity rows x %d features -> %,d rows (Parquet, %,d MB) in %.2f s wall, "
                + "%.2f s CPU, load %.1f%n", round, what, entityRows, FEATURES, rows, Files.size(output) >> 20, seconds,
                cpuSeconds, os.getSystemLoadAverage());
        Files.delete(output);
        return new double[] {seconds, cpuSeconds};
    }

    /**
     * The online figures: {@code ./mlforge server} (defaults, its own process, on {@code port}) against the baseline,
     * a bare JDK HttpServer answering the same lookup from an in-process feature store ({@link OnlineBaselineServer},
     * its own process, on {@code port + 2}; the server's gRPC takes {@code port + 1}), each serving a 10-feature view
     * of {@code entities} materialized from the same CSV; the load is {@link OpenLoopLoad} over keep-alive loopback
     * connections, one random entity a request.
     */
    static void online(long entities, long port, long seconds) throws Exception {
        Path work = Files.createTempDirectory("fs-bench-online-");
        Path launcher = Path.of(System.getProperty("mlforge.launcher", "mlforge")).toAbsolutePath();
        List<String> baselineCommand = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OnlineBaselineServer.class.getName(), dataDir(work, "baseline",
                entities).toString(), String.valueOf(port + 2));
        List<String> serverCommand = List.of(launcher.toString(), "server", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--data-dir", dataDir(work, "server", entities).toString());
        try (ServerProcess baseline = ServerProcess.start(baselineCommand, (int) port + 2, work.resolve("baseline.log"),
                Duration.ofMinutes(10));
                ServerProcess server = ServerProcess.start(serverCommand, (int) port, work.resolve("server.log"),
                        Duration.ofMinutes(10))) {
            Files.readAllLines(work.resolve("baseline.log")).stream().filter(line -> line.startsWith("baseline:"))
                    .forEach(System.out::println);
            long start = System.nanoTime();
            post(server.baseUrl() + "/api/v1/features/apply", Json.mapper().writeValueAsBytes(definitions()));
            post(server.baseUrl() + "/api/v1/feature-views/stats/materialize", new byte[0]);
            System.out.printf("server: ./mlforge server (defaults), pid %d; applied and materialized %,d entities x %d "
                    + "features over HTTP in %.1f s%n", server.pid(), entities, FEATURES, (System.nanoTime() - start) / 1e9);
            List<Integer> asked = lookupEntities(entities, 4096);
            List<byte[]> bodies = lookupBodies(asked);
            WrkLoad wrk = WrkLoad.find(System.getProperty("bench.wrk", "wrk"), work, asked);
            System.out.println(wrk == null ? "wrk: not found (-Dbench.wrk=PATH): the Java rows only"
                    : "wrk: " + System.getProperty("bench.wrk", "wrk") + " with online-wrk.lua, 2 threads");
            // the server twice: plain requests (answered ahead of the router) and with Accept-Encoding: br (the router)
            Target[] targets = {new Target("baseline", (int) port + 2, "", baseline), new Target("server  ", (int) port, "", server),
                new Target("router  ", (int) port, "Accept-Encoding: br\r\n", server)};
            for (Target target : targets) {
                // warm-up, closed-loop: after only 5 s the first fixed rates still cost several times the CPU per
                // request of the later ones
                OpenLoopLoad.run(target.port, "/get-online-features", target.headers, bodies, 16, 0, 15);
            }
            System.out.printf("%nPOST /get-online-features, 1 random entity of %,d x %d features; latency from each request's "
                    + "due time (open-loop) in ms; server CPU per request from /proc%n", entities, FEATURES);
            // Feast's published run (vegeta, 5 connections, 10-100 req/s), then fixed rates at 16, then saturation
            double[][] loads = {{5, 100}, {16, 1000}, {16, 2000}, {16, 5000}, {16, 0}};
            for (double[] load : loads) {
                double[] p99 = new double[targets.length];
                double[] cpu = new double[targets.length];
                for (int t = 0; t < targets.length; t++) {
                    Target target = targets[t];
                    target.process.awaitIdle();
                    Duration before = target.process.cpuTime();
                    OpenLoopLoad.Result result = OpenLoopLoad.run(target.port, "/get-online-features", target.headers, bodies,
                            (int) load[0], load[1], seconds);
                    cpu[t] = target.process.cpuTime().minus(before).toNanos() / 1e3 / Math.max(1, result.ok());
                    p99[t] = result.millis(0.99);
                    System.out.printf("%s %2d conn, %-10s %,8.0f req/s  p50 %6.3f  p99 %7.3f  p99.9 %7.3f  max %7.2f "
                            + "(due %s)  errors %d  server CPU %5.1f us/req  load %.1f%n", target.name, (int) load[0],
                            load[1] == 0 ? "saturation" : String.format("%,.0f/s", load[1]), result.perSecond(),
                            result.millis(0.5), p99[t], result.millis(0.999), result.maxMillis(),
                            java.time.Instant.ofEpochMilli(result.worstDueEpochMillis()).toString().substring(11, 23),
                            result.errors(), cpu[t], loadAverage());
                }
                System.out.printf("  ratios to the baseline: server p99 %.2f, CPU per request %.2f; through the router p99 %.2f, "
                        + "CPU %.2f%n", p99[1] / p99[0], cpu[1] / cpu[0], p99[2] / p99[0], cpu[2] / cpu[0]);
                if (wrk != null) {
                    wrkRows(wrk, targets, load, seconds);
                }
            }
        }
        Folders.delete(work);
    }

    /**
     * The same load through wrk on the baseline and the server (plain requests): latency from each request's send,
     * as vegeta (Feast's figure) counts it, beside the Java rows' stricter due time.
     */
    private static void wrkRows(WrkLoad wrk, Target[] targets, double[] load, long seconds) throws Exception {
        double[] p99 = new double[2];
        double[] cpu = new double[2];
        for (int t = 0; t < 2; t++) {
            Target target = targets[t];
            target.process.awaitIdle();
            Duration before = target.process.cpuTime();
            WrkLoad.Result result = wrk.run(target.port, (int) load[0], load[1], seconds);
            cpu[t] = target.process.cpuTime().minus(before).toNanos() / 1e3 / Math.max(1, result.requests());
            p99[t] = result.p99Micros() / 1e3;
            System.out.printf("%s %2d conn, %-10s %,8.0f req/s  p50 %6.3f  p99 %7.3f  p99.9 %7.3f  max %7.2f (wrk, from the "
                    + "send)  errors %d  server CPU %5.1f us/req  load %.1f%n", target.name, (int) load[0],
                    load[1] == 0 ? "saturation" : String.format("%,.0f/s", load[1]), result.perSecond(),
                    result.p50Micros() / 1e3, p99[t], result.p999Micros() / 1e3, result.maxMicros() / 1e3, result.errors(),
                    cpu[t], loadAverage());
        }
        System.out.printf("  wrk ratios to the baseline: server p99 %.2f, CPU per request %.2f%n", p99[1] / p99[0], cpu[1] / cpu[0]);
    }

    /** A server under load: its name, port and process. */
    private record Target(String name, int port, String headers, ServerProcess process) {}

    /** A data directory holding the view's source CSV: the same rows for both servers (a fixed seed). */
    static Path dataDir(Path work, String name, long entities) throws IOException {
        Path dataDir = work.resolve(name);
        Files.createDirectories(dataDir.resolve("features"));
        StringBuilder csv = new StringBuilder("driver_id,event_timestamp");
        for (int f = 0; f < FEATURES; f++) {
            csv.append(",f").append(f);
        }
        csv.append('\n');
        java.util.Random random = new java.util.Random(17);
        for (long key = 0; key < entities; key++) {
            csv.append(key).append(",2024-01-01T00:00:00Z");
            for (int f = 0; f < FEATURES; f++) {
                csv.append(',').append(random.nextDouble());
            }
            csv.append('\n');
        }
        Files.writeString(dataDir.resolve("features/drivers.csv"), csv);
        return dataDir;
    }

    /** The feature-store document both servers apply: one entity, one view of 10 Float64 features over the CSV. */
    static Map<String, Object> definitions() {
        List<Map<String, String>> schema = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            schema.add(Map.of("name", "f" + f, "dtype", "Float64"));
        }
        return Map.of("entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                "feature_views", List.of(Map.of("name", "stats", "entities", List.of("driver"), "source",
                        Map.of("path", "features/drivers.csv"), "timestamp_field", "event_timestamp", "features", schema)));
    }

    /** A lookup request of the 10 features for one entity, as JSON. */
    static Map<String, Object> lookup(long entity) {
        List<String> references = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            references.add("stats:f" + f);
        }
        return Map.of("features", references, "entities", Map.of("driver_id", List.of(entity)));
    }

    /**
     * The entities the load asks for: {@code count} drawn at random (a fixed seed) from the view's, so every row of
     * both clients asks for the same keys, a set the server's cache holds whole.
     */
    private static List<Integer> lookupEntities(long entities, int count) {
        java.util.Random random = new java.util.Random(71);
        List<Integer> asked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            asked.add(random.nextInt((int) entities));
        }
        return asked;
    }

    /** The lookup bodies of {@code entities}, made before any clock starts. */
    private static List<byte[]> lookupBodies(List<Integer> entities) throws IOException {
        List<byte[]> bodies = new ArrayList<>(entities.size());
        for (int entity : entities) {
            bodies.add(Json.mapper().writeValueAsBytes(lookup(entity)));
        }
        return bodies;
    }

    private static void post(String url, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

}
