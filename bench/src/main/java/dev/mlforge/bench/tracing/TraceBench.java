package dev.mlforge.bench.tracing;

import com.google.protobuf.ByteString;
import dev.mlforge.bench.process.ServerProcess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracing through {@code ./mlforge server} (default configuration, SQLite): OTLP/HTTP span ingest in protobuf batches of
 * 100 spans (10 traces of 10 spans, with the attributes MLflow's client sets), then {@code traces/search} over the
 * experiment's traces with a tag filter and a page of 100, and the same for {@code logged-models/search}. Each search
 * experiment's 100,000 entries are seeded by SQL ({@link SqlSeed}), a tenth of them tagged {@code group = g3}. The
 * ingest figure is printed with a same-run baseline ({@link SpanFloor}) and their ratio.
 *
 * <pre>java [-Dbench.warmup=2000] -cp bench/target/mlforge-bench.jar dev.mlforge.bench.tracing.TraceBench [ingest-batches] [clients] [search-traces]</pre>
 */
public final class TraceBench {
    private static final HexFormat HEX = HexFormat.of();

    private TraceBench() {}

    public static void main(String[] args) throws Exception {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int searchTraces = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        Path dir = Files.createTempDirectory("trace-bench");
        HttpClient http = HttpClient.newHttpClient();
        try (ServerProcess server = ServerProcess.mlforge(Path.of("mlforge").toAbsolutePath(), dir.resolve("server"), null,
                dir.resolve("server.log"))) {
            String base = server.baseUrl();
            String ingestExperiment = createExperiment(http, base, "ingest");
            // warm-up: untimed batches until the JIT has compiled the request and writer paths (50 batches, the old
            // default, end inside the C2 compiles and put their cost into the timed figure)
            int warmup = Integer.getInteger("bench.warmup", 2000);
            ingest(http, base, ingestExperiment, bodies(0, warmup), clients);
            List<byte[]> bodies = bodies(warmup, batches);
            long pid = serverPid(dir);
            double cpuBefore = cpuSeconds(pid);
            Map<String, Long> threadsBefore = ServerThreads.ticks(pid);
            long start = System.nanoTime();
            ingest(http, base, ingestExperiment, bodies, clients);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = cpuSeconds(pid) - cpuBefore;
            double spansPerSecond = batches * 100 / seconds;
            System.out.printf("OTLP ingest: %d batches x 100 spans, %d clients: %.1f s, %,.0f spans/s; server CPU %.1f s, "
                    + "%,.0f spans per server CPU second%n", batches, clients, seconds, spansPerSecond, cpu,
                    batches * 100 / cpu);
            System.out.println(ServerThreads.breakdown(threadsBefore, ServerThreads.ticks(pid), batches * 100L));
            double floor = SpanFloor.spansPerSecond(dir, Math.min(batches, 1000));
            System.out.printf("baseline, raw JDBC batch inserts of the same span rows into bare SQLite (1 thread): "
                    + "%,.0f spans/s; server/baseline %.2f (load average %s)%n", floor, spansPerSecond / floor, loadAverage());

            if (searchTraces == 0) {
                return;
            }
            String searchExperiment = createExperiment(http, base, "search");
            long seedStart = System.nanoTime();
            SqlSeed.traces(dir.resolve("server").resolve("mlforge.db"), searchExperiment, searchTraces);
            System.out.printf("seeded %,d traces by SQL in %.1f s%n", searchTraces, (System.nanoTime() - seedStart) / 1e9);
            searchLatencies(http, base, searchExperiment, "tag.group = 'g3'", 60);
            searchLatencies(http, base, searchExperiment, "tag.group = 'g3' AND trace.status = 'OK'", 60);
            searchLatencies(http, base, searchExperiment, null, 60);
            LoggedModelSearchBench.run(http, base, dir.resolve("server").resolve("mlforge.db"), searchTraces);
        }
    }

    private static List<byte[]> bodies(int first, int count) {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int batch = first; batch < first + count; batch++) {
            bodies.add(batch(batch));
        }
        return bodies;
    }

    static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** The server's JVM: the process whose command line names this run's data dir. */
    private static long serverPid(Path dir) {
        return ProcessHandle.allProcesses().filter(process -> process.info().commandLine().orElse("")
                        .contains(dir.resolve("server").toString()) && process.info().command().orElse("").endsWith("java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** User and system CPU seconds of process {@code pid} so far (Linux {@code /proc}; 100 ticks a second). */
    private static double cpuSeconds(long pid) throws Exception {
        if (pid < 0) {
            return Double.NaN;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    static String createExperiment(HttpClient http, String base, String name) throws Exception {
        String body = post(http, base + "/api/2.0/mlflow/experiments/create", "{\"name\":\"" + name + "\"}");
        return body.replaceAll("(?s).*\"experiment_id\"\\s*:\\s*\"(\\d+)\".*", "$1");
    }

    /** Posts the prepared bodies (built before the clock, so the clients' CPU goes to sending). */
    private static void ingest(HttpClient http, String base, String experimentId, List<byte[]> bodies, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        runClients(clients, () -> {
            int batch;
            while ((batch = next.getAndIncrement()) < bodies.size()) {
                byte[] body = bodies.get(batch);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/traces"))
                        .header("Content-Type", "application/x-protobuf").header("x-mlflow-experiment-id", experimentId)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
                }
            }
            return null;
        });
    }

    /** 10 traces of 10 spans (a root and 9 children), MLflow's attributes on each. */
    static byte[] batch(int batch) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int t = 0; t < 10; t++) {
            byte[] traceId = ByteBuffer.allocate(16).putLong(0x5eedL).putLong((long) batch * 10 + t).array();
            String mlflowId = "tr-" + HEX.formatHex(traceId);
            long start = 1_700_000_000_000_000_000L + (long) batch * 1_000_000_000L;
            for (int s = 0; s < 10; s++) {
                Span.Builder span = Span.newBuilder().setTraceId(ByteString.copyFrom(traceId))
                        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(s + 1).array()))
                        .setName(s == 0 ? "agent" : "step-" + s).setStartTimeUnixNano(start + s * 1_000_000L)
                        .setEndTimeUnixNano(start + 50_000_000L - s * 1_000_000L)
                        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
                        .addAttributes(string("mlflow.traceRequestId", mlflowId))
                        .addAttributes(string("mlflow.spanType", s == 0 ? "AGENT" : "LLM"))
                        .addAttributes(string("mlflow.spanFunctionName", "step"))
                        .addAttributes(KeyValue.newBuilder().setKey("mlflow.spanInputs").setValue(AnyValue.newBuilder()
                                .setKvlistValue(KeyValueList.newBuilder().addValues(string("question",
                                        "what is the capital of France, step " + s)))))
                        .addAttributes(string("mlflow.spanOutputs", "Paris"));
                if (s > 0) {
                    span.setParentSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(1).array()));
                }
                scope.addSpans(span);
            }
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        request.addResourceSpansBuilder().addScopeSpans(scope);
        return request.build().toByteArray();
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static void searchLatencies(HttpClient http, String base, String experimentId, String filter, int rounds)
            throws Exception {
        String body = "{\"locations\":[{\"type\":\"MLFLOW_EXPERIMENT\",\"mlflow_experiment\":{\"experiment_id\":\""
                + experimentId + "\"}}]," + (filter == null ? "" : "\"filter\":\"" + filter + "\",") + "\"max_results\":100}";
        latencies(http, base + "/api/3.0/mlflow/traces/search", body, "search_traces", filter, "\"trace_id\"", rounds);
    }

    /** Times {@code rounds} posts of {@code body} after 10 warm-up posts; prints p50, p90, max and the page size. */
    static void latencies(HttpClient http, String url, String body, String label, String filter, String idField, int rounds)
            throws Exception {
        for (int i = 0; i < 10; i++) {
            post(http, url, body);
        }
        long[] nanos = new long[rounds];
        int found = 0;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            String answer = post(http, url, body);
            nanos[i] = System.nanoTime() - start;
            found = answer.split(idField, -1).length - 1;
        }
        Arrays.sort(nanos);
        System.out.printf("%s %s, page of 100 (%d returned): p50 %.1f ms, p90 %.1f ms, max %.1f ms (%d rounds, load %s)%n",
                label, filter == null ? "(no filter)" : "[" + filter + "]", found, nanos[rounds / 2] / 1e6,
                nanos[rounds * 9 / 10] / 1e6, nanos[rounds - 1] / 1e6, rounds, loadAverage());
    }

    static String post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void runClients(int clients, java.util.concurrent.Callable<Void> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(client));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
