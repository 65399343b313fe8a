package dev.mlforge.bench.features;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlforge.app.Application;
import dev.mlforge.config.ConfigValues;
import dev.mlforge.config.ServerConfig;
import dev.mlforge.features.FeatureField;
import dev.mlforge.features.FeatureSource;
import dev.mlforge.features.FeatureView;
import dev.mlforge.features.OfflineEngine;
import dev.mlforge.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The feature store's figures (issue 17).
 *
 * <pre>
 * java -Xmx2g -cp bench/target/mlforge-bench.jar dev.mlforge.bench.features.FeatureStoreBench pit [entity rows] [keys] [rows per key]
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.features.FeatureStoreBench online [entities] [port] [seconds]
 * </pre>
 * {@code pit}: a point-in-time join of N entity rows (default 10,000,000) with a view of 10 Float64 features
 * (200,000 keys x 10 rows), Parquet in and out, timed around the engine call only (the data is generated first); in
 * join order against the bare DuckDB ASOF join, with the entity order kept against that join sorted back the same way.
 * {@code online}: an in-process server with a 10-feature view of N entities (default 100,000) materialized; the
 * in-process lookup of one entity (p50/p99 over 200,000 calls), then {@code wrk} with 16 connections on
 * {@code POST /get-online-features} for random entities, first against a bare JDK HttpServer on {@code port + 1} that
 * answers the same lookup from the same in-process cache (the baseline), then against the server.
 */
public final class FeatureStoreBench {
    private static final int FEATURES = 10;

    private FeatureStoreBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "pit";
        if (mode.equals("pit")) {
            pit(arg(args, 1, 10_000_000), arg(args, 2, 200_000), arg(args, 3, 10));
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
        deleteTree(dir);
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

    static void online(long entities, long port, long seconds) throws Exception {
        Path dataDir = Files.createTempDirectory("fs-bench-online-");
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
        Files.createDirectories(dataDir.resolve("features"));
        Files.writeString(dataDir.resolve("features/drivers.csv"), csv);
        ServerConfig config = ServerConfig.from(ConfigValues.of(Map.of("host", "127.0.0.1", "port", String.valueOf(port),
                "grpc-port", "-1", "data-dir", dataDir.toString())));
        try (Application app = new Application(config).start()) {
            List<Map<String, String>> schema = new ArrayList<>();
            List<String> references = new ArrayList<>();
            for (int f = 0; f < FEATURES; f++) {
                schema.add(Map.of("name", "f" + f, "dtype", "Float64"));
                references.add("stats:f" + f);
            }
            app.featureStore().catalog().apply(Json.mapper().valueToTree(Map.of(
                    "entities", List.of(Map.of("name", "driver", "join_key", "driver_id")),
                    "feature_views", List.of(Map.of("name", "stats", "entities", List.of("driver"), "source",
                            Map.of("path", "features/drivers.csv"), "timestamp_field", "event_timestamp", "features", schema)))));
            long start = System.nanoTime();
            var state = app.featureStore().materializer().materialize("stats");
            System.out.printf("materialized %,d entities x %d features in %.2f s%n", state.rowsWritten(), FEATURES,
                    (System.nanoTime() - start) / 1e9);

            int calls = 200_000;
            long[] nanos = new long[calls];
            for (int i = -50_000; i < calls; i++) {
                JsonNode request = Json.mapper().valueToTree(Map.of("features", references,
                        "entities", Map.of("driver_id", List.of(random.nextInt((int) entities)))));
                long t = System.nanoTime();
                app.featureStore().online().answer(request);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("in-process lookup, 1 entity x %d features (%,d calls after 50,000 warm-up): p50 %.1f us, "
                    + "p99 %.1f us, p99.9 %.1f us%n", FEATURES, calls, nanos[calls / 2] / 1e3, nanos[calls * 99 / 100] / 1e3,
                    nanos[calls * 999 / 1000] / 1e3);

            Path script = dataDir.resolve("online.lua");
            Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                    + "request = function()\n  local body = '{\"features\": " + Json.mapper().writeValueAsString(references)
                    + ", \"entities\": {\"driver_id\": [' .. math.random(0, " + (entities - 1) + ") .. ']}}'\n"
                    + "  return wrk.format(nil, nil, nil, body)\nend\n");
            // the baseline: a bare JDK HttpServer answering the same lookup from the same in-process cache; without
            // TCP_NODELAY its separate header and body writes meet wrk's delayed ACKs (about 40 ms a request, measured)
            System.setProperty("sun.net.httpserver.nodelay", "true");
            var bare = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", (int) port + 1), 64);
            var bareThreads = java.util.concurrent.Executors.newFixedThreadPool(16);
            bare.setExecutor(bareThreads);
            bare.createContext("/get-online-features", exchange -> {
                byte[] answer = app.featureStore().online().answer(Json.mapper().readTree(exchange.getRequestBody()));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            bare.start();
            try {
                for (String url : List.of("http://127.0.0.1:" + (port + 1) + "/get-online-features", app.baseUrl() + "/get-online-features")) {
                    run(List.of("wrk", "-t2", "-c16", "-d3s", "-s", script.toString(), url)); // warm-up
                    run(List.of("wrk", "-t2", "-c16", "-d" + seconds + "s", "--latency", "-s", script.toString(), url));
                }
            } finally {
                bare.stop(0);
                bareThreads.shutdownNow();
            }
        }
        deleteTree(dataDir);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        System.out.println("$ " + String.join(" ", command));
        System.out.print(output);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
