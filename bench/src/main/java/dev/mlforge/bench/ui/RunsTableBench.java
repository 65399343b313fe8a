package dev.mlforge.bench.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlforge.bench.process.ServerProcess;
import dev.mlforge.bench.search.SqlRunSeed;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web UI's runs table at scale against {@code ./mlforge server} as users run it (SQLite default), timed twice:
 * over HTTP (wall p50/p95 and the server process's CPU per request, each against {@code /health} in the same run)
 * and in headless Chromium (the navigation timing and a mark the page sets when its table or chart is drawn, against
 * a {@code /health} navigation in the same browser).
 *
 * <p>Data: an experiment of N runs (default 100,000) x 10 params x 10 metrics, run 0 logged through the API and the
 * rest written into the server's SQLite file by {@link SqlRunSeed} (the search bench's seeder, the same rows); an
 * experiment with 5,000 distinct metric keys (50 runs x 100, log-batch); and 100 runs x 10 metrics x 1,000 steps
 * for the comparison page (the last step through log-batch, the others by SQL). The argument {@code compare} times
 * the comparison alone.
 *
 * <pre>
 * ./mvnw -B -o -q -DskipTests package -pl cli,bench -am
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.ui.RunsTableBench [runs] [http samples] [browser samples]
 * java -cp bench/target/mlforge-bench.jar dev.mlforge.bench.ui.RunsTableBench compare [http samples] [browser samples]
 * </pre>
 *
 * System properties: {@code bench.launcher} (default {@code ./mlforge}), {@code bench.port} (default 19210).
 */
public final class RunsTableBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/2.0/mlflow/";
    private static final Pattern NEXT = Pattern.compile("rel=\"next\" href=\"([^\"]+)\"");
    private static final String FILTER = "metrics.m0 > 0.5 and params.p0 = 'a'";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ServerProcess server;
    private final String base;

    private RunsTableBench(ServerProcess server) {
        this.server = server;
        this.base = server.baseUrl();
    }

    public static void main(String[] args) throws Exception {
        boolean compareOnly = args.length > 0 && args[0].equals("compare");
        int runs = args.length > 0 && !compareOnly ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int browserSamples = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dir = Files.createTempDirectory("mlforge-ui-bench-");
        Path launcher = Path.of(System.getProperty("bench.launcher", "./mlforge")).toAbsolutePath();
        int port = Integer.getInteger("bench.port", 19210);
        Path data = dir.resolve("data");
        List<String> command = List.of(launcher.toString(), "server", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", data.toString());
        try (ServerProcess server = ServerProcess.start(command, port, dir.resolve("server.log"), Duration.ofMinutes(10))) {
            if (compareOnly) {
                new RunsTableBench(server).compare(data.resolve("mlforge.db"), samples, browserSamples);
            } else {
                new RunsTableBench(server).run(data.resolve("mlforge.db"), runs, samples, browserSamples);
            }
        }
    }

    /** The pages timed: their URL and what a browser waits for. */
    private record Pages(String first, String next, String filtered, String filteredNext, String byParam,
            String byParamNext, String tagged, String taggedNext, String keys, String wide, String compare) {}

    private void run(Path database, int runs, int samples, int browserSamples) throws Exception {
        System.out.printf(Locale.ROOT, "load average at start: %.1f%n", loadAverage());
        String experiment = createExperiment("ui-bench-" + runs);
        long started = System.nanoTime();
        // Run 0 through the API (RunSeeder's requests), the others by SQL with the rows those requests write.
        String first = createRun(experiment, "run-0", 1_700_000_000_000L, "t0");
        post("runs/log-batch", batch(first, 0, 1_700_000_000_000L));
        SqlRunSeed.seed("jdbc:sqlite:" + database, Long.parseLong(experiment), first, runs);
        System.out.printf(Locale.ROOT, "seeded %d runs x 10 params x 10 metrics (run 0 through the API, the rest by SQL)"
                + " in %.1f s%n", runs, (System.nanoTime() - started) / 1e9);
        long total = JSON.readTree(post("runs/search", "{\"experiment_ids\":[\"" + experiment + "\"],"
                + "\"filter\":\"params.p0 = 'a' and metrics.m0 > 0.5\",\"max_results\":1}")).path("runs").size();
        if (total != 1) {
            throw new IllegalStateException("the API's search finds no seeded run");
        }
        String wide = createExperiment("ui-bench-wide");
        fillWide(wide, 50, 100);
        String compare = compareRuns(database, createExperiment("ui-bench-compare"), 100, 10, 1000);
        String page = "/ui/experiments/" + experiment;
        String filtered = page + "?filter=" + q(FILTER) + "&order_by=" + q("metrics.`m1` DESC");
        String byParam = page + "?order_by=" + q("params.`p1` ASC");
        String tagged = page + "?filter=" + q("tags.team = 't3'");
        Pages pages = new Pages(page, nextOf(page), filtered, nextOf(filtered), byParam, nextOf(byParam), tagged,
                nextOf(tagged), page + "/keys?kind=metrics&limit=300", "/ui/experiments/" + wide, compare);

        System.out.println("\nserver time over HTTP (" + samples + " samples; CPU = server process CPU per request)");
        Timing health = time("baseline: GET /health", "/health", samples, null, -1);
        time("first page (100 runs)", pages.first(), samples, health, 100);
        time("next page (page token)", pages.next(), samples, health, 50);
        time("filter m0>0.5 and p0='a', by m1", pages.filtered(), samples, health, 100);
        time("  its next page", pages.filteredNext(), samples, health, 50);
        time("sorted by param p1", pages.byParam(), samples, health, 100);
        time("  its next page", pages.byParamNext(), samples, health, 50);
        time("tag filter team='t3'", pages.tagged(), samples, health, 100);
        time("  its next page", pages.taggedNext(), samples, health, 50);
        time("keys route (metrics)", pages.keys(), samples, health, -1);
        time("wide: first page (5,000 keys)", pages.wide(), samples, health, -1);
        time("compare 100 runs x 10 x 1000 steps", pages.compare(), Math.max(5, samples / 5), health, -1);
        browser(pages, browserSamples);
        System.out.printf(Locale.ROOT, "load average at end: %.1f%n", loadAverage());
    }

    /**
     * The comparison alone: 100 runs x 10 metrics x 1,000 steps; the page (m0 charted), another metric's sampled
     * histories (the chart's on-demand route) against the same metric through MLflow's get-history-bulk-interval
     * (which reads every point of it), and the page in Chromium until its chart is drawn, each against /health.
     */
    private void compare(Path database, int samples, int browserSamples) throws Exception {
        System.out.printf(Locale.ROOT, "load average at start: %.1f%n", loadAverage());
        String page = compareRuns(database, createExperiment("ui-bench-compare"), 100, 10, 1000);
        String runs = page.substring(page.indexOf("runs=") + "runs=".length());
        StringBuilder bulk = new StringBuilder(API + "metrics/get-history-bulk-interval?metric_key=m5&max_results=320");
        for (String id : java.net.URLDecoder.decode(runs, StandardCharsets.UTF_8).split(",")) {
            bulk.append("&run_ids=").append(id);
        }
        System.out.println("\nserver time over HTTP (" + samples + " samples; CPU = server process CPU per request)");
        Timing health = time("baseline: GET /health", "/health", samples, null, -1);
        time("compare 100 runs x 10 x 1000 steps", page, samples, health, -1);
        Timing sampled = time("another metric: /ui/compare/history", "/ui/compare/history?runs=" + runs + "&key=m5",
                samples, health, -1);
        Timing mlflow = time("same via get-history-bulk-interval", bulk.toString(), samples, health, -1);
        System.out.printf(Locale.ROOT, "sampled by SQL / MLflow bulk interval: x%.2f CPU, x%.2f wall p50%n",
                sampled.cpuMillis() / Math.max(0.01, mlflow.cpuMillis()), sampled.p50() / mlflow.p50());
        if (BrowserTimings.available()) {
            System.out.println("\nheadless Chromium (p50 of " + browserSamples + " navigations after one untimed, ms from"
                    + " navigation start; drawn = the page's mark)");
            try (BrowserTimings browser = BrowserTimings.start()) {
                BrowserTimings.Visit baseline = browser.median(base + "/health", null, browserSamples);
                System.out.println(BrowserTimings.format("baseline: /health", baseline, baseline, -1));
                show(browser, "compare 100 runs (chart drawn)", page, BrowserTimings.CHART_DRAWN, browserSamples, baseline,
                        1000, "#compare-chart[data-rendered=true] canvas", 1);
            }
        }
        System.out.printf(Locale.ROOT, "load average at end: %.1f%n", loadAverage());
    }

    private void browser(Pages pages, int samples) throws Exception {
        if (!BrowserTimings.available()) {
            System.out.println("\nno /usr/bin/chromium and /usr/bin/chromedriver: browser timings skipped");
            return;
        }
        System.out.println("\nheadless Chromium (p50 of " + samples + " navigations, ms from navigation start; "
                + "drawn = the page's mark)");
        try (BrowserTimings browser = BrowserTimings.start()) {
            BrowserTimings.Visit health = browser.median(base + "/health", null, samples);
            System.out.println(BrowserTimings.format("baseline: /health", health, health, -1));
            show(browser, "first page", pages.first(), BrowserTimings.TABLE_READY, samples, health, -1, "#runs tbody tr", 100);
            show(browser, "next page", pages.next(), BrowserTimings.TABLE_READY, samples, health, -1, "#runs tbody tr", 100);
            show(browser, "filtered + sorted page", pages.filtered(), BrowserTimings.TABLE_READY, samples, health, -1,
                    "#runs tbody tr", 100);
            show(browser, "open experiment with 5,000 keys", pages.wide(), BrowserTimings.TABLE_READY, samples, health,
                    1000, "#runs tbody tr", 50);
            show(browser, "compare 100 runs (chart drawn)", pages.compare(), BrowserTimings.CHART_DRAWN, samples, health,
                    1000, "#compare-chart[data-rendered=true] canvas", 1);
        }
    }

    private void show(BrowserTimings browser, String name, String path, String mark, int samples,
            BrowserTimings.Visit baseline, double target, String css, long expected) {
        BrowserTimings.Visit visit = browser.median(base + path, mark, samples);
        long found = browser.count(css);
        if (found < expected) {
            throw new IllegalStateException(name + ": the page shows " + found + " of '" + css + "', expected " + expected);
        }
        System.out.println(BrowserTimings.format(name, visit, baseline, target));
    }

    private String nextOf(String path) throws Exception {
        Matcher next = NEXT.matcher(get(path));
        if (!next.find()) {
            throw new IllegalStateException("no next link on " + path);
        }
        return next.group(1).replace("&amp;", "&");
    }

    private record Timing(double p50, double p95, double cpuMillis) {}

    private Timing time(String name, String path, int samples, Timing baseline, double targetMillis) throws Exception {
        get(path);
        get(path);
        double[] millis = new double[samples];
        Duration cpuBefore = server.cpuTime();
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            get(path);
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        double cpu = server.cpuTime().minus(cpuBefore).toNanos() / 1e6 / samples;
        Arrays.sort(millis);
        Timing timing = new Timing(millis[samples / 2], millis[Math.min(samples - 1, (int) Math.ceil(samples * 0.95) - 1)], cpu);
        System.out.printf(Locale.ROOT, "%-36s p50 %7.1f ms  p95 %7.1f ms  CPU %6.1f ms/req%s%s%n", name, timing.p50(),
                timing.p95(), cpu, baseline == null ? "" : String.format(Locale.ROOT, "  x%.1f p50, x%.1f CPU of /health",
                        timing.p50() / baseline.p50(), cpu / Math.max(0.01, baseline.cpuMillis())),
                targetMillis < 0 ? "" : String.format(Locale.ROOT, "  (target < %.0f ms: %s)", targetMillis,
                        timing.p50() < targetMillis ? "met" : "MISSED"));
        return timing;
    }

    private static String batch(String runId, int index, long start) {
        java.util.Random random = new java.util.Random(index);
        StringBuilder body = new StringBuilder("{\"run_id\":\"").append(runId).append("\",\"params\":[");
        for (int p = 0; p < 10; p++) {
            body.append(p == 0 ? "" : ",").append("{\"key\":\"p").append(p).append("\",\"value\":\"")
                    .append((char) ('a' + random.nextInt(4))).append("\"}");
        }
        body.append("],\"metrics\":[");
        for (int m = 0; m < 10; m++) {
            body.append(m == 0 ? "" : ",").append("{\"key\":\"m").append(m).append("\",\"value\":")
                    .append(random.nextDouble()).append(",\"timestamp\":").append(start).append(",\"step\":0}");
        }
        return body.append("]}").toString();
    }

    private void fillWide(String experiment, int runs, int keysPerRun) throws Exception {
        for (int r = 0; r < runs; r++) {
            String runId = createRun(experiment, "wide-" + r, 1_780_000_000_000L + r, null);
            StringBuilder body = new StringBuilder("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
            for (int k = 0; k < keysPerRun; k++) {
                body.append(k == 0 ? "" : ",").append("{\"key\":\"k").append(r * keysPerRun + k)
                        .append("\",\"value\":0.5,\"timestamp\":1,\"step\":0}");
            }
            post("runs/log-batch", body.append("]}").toString());
        }
    }

    /**
     * Creates runs x metrics x steps for the comparison (the last step of every metric through log-batch, 4 clients;
     * the steps before it by SQL, {@link CompareHistorySeed}); returns the compare page's path.
     */
    private String compareRuns(Path database, String experiment, int runs, int metrics, int steps) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> ids = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            int run = r;
            ids.add(pool.submit(() -> {
                String runId = createRun(experiment, "compare-" + run, 1_780_000_000_000L + run, "t" + (run % 10));
                StringBuilder body = new StringBuilder("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
                for (int m = 0; m < metrics; m++) {
                    body.append(m == 0 ? "" : ",").append("{\"key\":\"m").append(m).append("\",\"value\":")
                            .append(CompareHistorySeed.value(run, m, steps - 1)).append(",\"timestamp\":")
                            .append(CompareHistorySeed.timestamp(steps - 1)).append(",\"step\":").append(steps - 1).append('}');
                }
                post("runs/log-batch", body.append("]}").toString());
                return runId;
            }));
        }
        List<String> runIds = new ArrayList<>();
        for (Future<String> id : ids) {
            runIds.add(id.get());
        }
        pool.shutdown();
        CompareHistorySeed.fill("jdbc:sqlite:" + database, runIds, metrics, steps);
        System.out.printf(Locale.ROOT, "logged %d runs x %d metrics x %d steps (the last step through log-batch, the rest"
                + " by SQL) in %.1f s%n", runs, metrics, steps, (System.nanoTime() - started) / 1e9);
        return "/ui/compare?runs=" + q(String.join(",", runIds));
    }

    private String createExperiment(String name) throws Exception {
        return JSON.readTree(post("experiments/create", JSON.writeValueAsString(java.util.Map.of("name", name))))
                .path("experiment_id").asText();
    }

    private String createRun(String experiment, String name, long startTime, String team) throws Exception {
        String body = "{\"experiment_id\":\"" + experiment + "\",\"run_name\":\"" + name + "\",\"start_time\":" + startTime
                + (team == null ? "" : ",\"tags\":[{\"key\":\"team\",\"value\":\"" + team + "\"}]") + "}";
        JsonNode run = JSON.readTree(post("runs/create", body));
        return run.path("run").path("info").path("run_id").asText();
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

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
