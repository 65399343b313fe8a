package dev.mlforge.bench.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.bench.process.ServerProcess;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web UI's runs table at scale, over HTTP against {@code ./mlforge server} as users run it (SQLite default): an
 * experiment of N runs (default 100,000) with 10 params and 10 metrics each, logged through runs/create and log-batch
 * from parallel clients; then the first page of {@code /ui/experiments/{id}}, the next page through its page token, a
 * filtered and sorted page, and the column chooser's key route are timed (p50/p95). A second experiment holds 5,000
 * distinct metric keys (50 runs x 100 keys) and its first page and key search are timed too.
 *
 * <pre>
 * ./mvnw -B -o -q -DskipTests package -pl cli,bench -am
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.ui.RunsTableBench [runs] [clients] [samples]
 * </pre>
 *
 * System properties: {@code bench.launcher} (default {@code ./mlforge}), {@code bench.port} (default 19650).
 */
public final class RunsTableBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/2.0/mlflow/";
    private static final Pattern NEXT = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    private RunsTableBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path dir = Files.createTempDirectory("mlforge-ui-bench-");
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        int port = Integer.getInteger("bench.port", 19650);
        List<String> command = List.of(launcher.toString(), "server", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", dir.resolve("data").toString());
        try (ServerProcess server = ServerProcess.start(command, port, dir.resolve("server.log"), Duration.ofMinutes(10))) {
            new RunsTableBench(server.baseUrl()).run(runs, clients, samples);
        }
    }

    private void run(int runs, int clients, int samples) throws Exception {
        String experiment = createExperiment("ui-bench-" + runs);
        long started = System.nanoTime();
        fill(experiment, runs, clients, 10, 10);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "logged %d runs x 10 params x 10 metrics with %d clients in %.1f s (%.0f runs/s)%n",
                runs, clients, seconds, runs / seconds);
        String page = "/ui/experiments/" + experiment;
        String first = get(page);
        Matcher next = NEXT.matcher(first);
        if (!next.find()) {
            throw new IllegalStateException("no next link on the first page");
        }
        String nextPage = next.group(1).replace("&amp;", "&");
        time("first page (100 runs)", page, samples, 100);
        time("next page (page token)", nextPage, samples, 50);
        time("filtered+sorted page", page + "?filter=" + q("params.p0 = 'v3' and metrics.m0 > 0.5")
                + "&order_by=" + q("metrics.`m1` DESC"), samples, 100);
        time("keys route (metrics)", page + "/keys?kind=metrics&limit=300", samples, -1);
        time("keys route (params, q=p1)", page + "/keys?kind=params&q=p1&limit=300", samples, -1);

        String wide = createExperiment("ui-bench-wide");
        fillWide(wide, 50, 100, clients);
        JsonNode keys = JSON.readTree(get("/ui/experiments/" + wide + "/keys?kind=metrics&limit=1000"));
        System.out.printf(Locale.ROOT, "wide experiment: 50 runs x 100 distinct metric keys; first key page holds %d keys%n",
                keys.path("keys").size());
        time("wide: first page", "/ui/experiments/" + wide, samples, -1);
        time("wide: keys route q=k4", "/ui/experiments/" + wide + "/keys?kind=metrics&q=k4&limit=300", samples, -1);
    }

    private void fill(String experiment, int runs, int clients, int params, int metrics) throws Exception {
        AtomicInteger nextRun = new AtomicInteger();
        long start = 1_780_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = nextRun.getAndIncrement(); i < runs; i = nextRun.getAndIncrement()) {
                    String runId = createRun(experiment, "run-" + i, start + i);
                    StringBuilder body = new StringBuilder("{\"run_id\":\"").append(runId).append("\",\"params\":[");
                    for (int p = 0; p < params; p++) {
                        body.append(p == 0 ? "" : ",").append("{\"key\":\"p").append(p).append("\",\"value\":\"v")
                                .append((i + p) % 10).append("\"}");
                    }
                    body.append("],\"metrics\":[");
                    for (int m = 0; m < metrics; m++) {
                        body.append(m == 0 ? "" : ",").append("{\"key\":\"m").append(m).append("\",\"value\":")
                                .append(((i * 7919L + m * 104729L) % 1000) / 1000.0).append(",\"timestamp\":")
                                .append(start + i).append(",\"step\":0}");
                    }
                    post("runs/log-batch", body.append("]}").toString());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private void fillWide(String experiment, int runs, int keysPerRun, int clients) throws Exception {
        for (int r = 0; r < runs; r++) {
            String runId = createRun(experiment, "wide-" + r, 1_780_000_000_000L + r);
            StringBuilder body = new StringBuilder("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
            for (int k = 0; k < keysPerRun; k++) {
                body.append(k == 0 ? "" : ",").append("{\"key\":\"k").append(r * keysPerRun + k)
                        .append("\",\"value\":0.5,\"timestamp\":1,\"step\":0}");
            }
            post("runs/log-batch", body.append("]}").toString());
        }
    }

    private void time(String name, String path, int samples, double targetMillis) throws Exception {
        get(path);
        get(path);
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            get(path);
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        double p50 = millis[samples / 2];
        double p95 = millis[Math.min(samples - 1, (int) Math.ceil(samples * 0.95) - 1)];
        System.out.printf(Locale.ROOT, "%-28s p50 %7.1f ms  p95 %7.1f ms%s%n", name, p50, p95,
                targetMillis < 0 ? "" : String.format(Locale.ROOT, "  (target < %.0f ms: %s)", targetMillis,
                        p50 < targetMillis ? "met" : "MISSED"));
    }

    private String createExperiment(String name) throws Exception {
        return JSON.readTree(post("experiments/create", JSON.writeValueAsString(java.util.Map.of("name", name))))
                .path("experiment_id").asText();
    }

    private String createRun(String experiment, String name, long startTime) throws Exception {
        String body = "{\"experiment_id\":\"" + experiment + "\",\"run_name\":\"" + name + "\",\"start_time\":" + startTime + "}";
        return JSON.readTree(post("runs/create", body)).path("run").path("info").path("run_id").asText();
    }

    private String post(String route, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + API + route))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(route + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response.body();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
