package dev.mlforge.bench.serving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What h2load cannot see: a gRPC call that fails still answers HTTP 200, its status in the trailers. Each h2load run
 * is checked against the server's own count of live inference requests by outcome ({@code /metrics}): at least as
 * many {@code ok} as h2load counted answers (a call cut at the end of the run may be served and not counted), and no
 * other outcome. {@link #requireOk} sends one call of a message through {@code nghttp} and requires
 * {@code grpc-status: 0}, which covers the answer's encoding after the model ran. The same scrape reads the prediction
 * log's counters for every lane ({@link #predictionLog}).
 */
final class GrpcOutcomes {
    private static final Pattern SERVED = Pattern.compile("^mlforge_serving_requests_total\\{(.*)} ([\\d.E+]+)$", Pattern.MULTILINE);
    private static final Pattern OUTCOME = Pattern.compile("outcome=\"([^\"]*)\"");
    private static final Pattern GRPC_STATUS = Pattern.compile("grpc-status: (\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI metrics;

    GrpcOutcomes(String baseUrl) {
        this.metrics = URI.create(baseUrl + "/metrics");
    }

    /** An h2load run whose answers the server counted as answered inference requests; {requests, nanoseconds}. */
    long[] checked(H2load h2load, String url, Path frame, int seconds) throws Exception {
        Map<String, Double> before = served();
        H2load.Result result = h2load.run(url, frame, seconds);
        Map<String, Double> after = served();
        double ok = after.getOrDefault("ok", 0.0) - before.getOrDefault("ok", 0.0);
        boolean others = after.entrySet().stream().anyMatch(outcome -> !outcome.getKey().equals("ok")
                && outcome.getValue() > before.getOrDefault(outcome.getKey(), 0.0));
        if (ok < result.requests() || others) {
            throw new IllegalStateException("h2load counted " + result.requests() + " answers, the server " + before
                    + " then " + after + " live inference requests by outcome; the run is not measured");
        }
        return new long[]{result.requests(), (long) (result.seconds() * 1e9)};
    }

    /**
     * The prediction log's counters, {written, dropped}: the log drops what its writer cannot store (counted, never
     * blocking a request), so a lane faster than the writer logs a smaller share of its predictions.
     */
    double[] predictionLog() throws Exception {
        String text = scrape();
        return new double[]{counter(text, "mlforge_prediction_log_written_total"),
                counter(text, "mlforge_prediction_log_dropped_total")};
    }

    private String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double counter(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line -> Double.parseDouble(
                line.substring(name.length() + 1).trim())).findFirst().orElseThrow(() -> new IllegalStateException(
                        "/metrics has no " + name));
    }

    /** Live inference requests by outcome, all deployments. */
    private Map<String, Double> served() throws Exception {
        String text = scrape();
        Map<String, Double> byOutcome = new TreeMap<>();
        Matcher line = SERVED.matcher(text);
        while (line.find()) {
            Matcher outcome = OUTCOME.matcher(line.group(1));
            if (line.group(1).contains("traffic=\"live\"") && outcome.find()) {
                byOutcome.merge(outcome.group(1), Double.parseDouble(line.group(2)), Double::sum);
            }
        }
        return byOutcome;
    }

    /** One call of the length-prefixed message in {@code frame} through nghttp: it must end with grpc-status 0. */
    static void requireOk(String url, Path frame) throws Exception {
        Process nghttp = new ProcessBuilder(List.of("nghttp", "-v", "-d", frame.toString(), "-H", "content-type: application/grpc",
                "-H", "te: trailers", url)).redirectErrorStream(true).start();
        String output = new String(nghttp.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        Matcher status = GRPC_STATUS.matcher(output);
        if (nghttp.waitFor() != 0 || !status.find() || !status.group(1).equals("0") || status.find()) {
            throw new IllegalStateException("the gRPC call in " + frame + " did not end with grpc-status 0:\n"
                    + output.lines().filter(text -> text.contains("recv") || text.contains("grpc")).limit(40).toList());
        }
    }
}
