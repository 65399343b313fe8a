package dev.mlforge.bench.serving;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} posting one V2 body over and over ({@code bench/serving/infer.lua}), two threads, a fixed number
 * of keep-alive connections; a run with any non-200 answer or socket error is refused, not measured.
 */
final class Wrk {
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(m?s)");
    private static final Pattern P50 = Pattern.compile("\\s+50%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

    private final Path script;
    private final int connections;

    Wrk(Path script, int connections) {
        this.script = script;
        this.connections = connections;
    }

    /** What one run measured. */
    record Result(long requests, double seconds, double p50Millis) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    Result run(String baseUrl, ProductVsBareBench.Model model, int seconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "--latency", "-s", script.toString(), baseUrl + "/v2/models/" + model.name() + "/infer"))
                .redirectErrorStream(true);
        builder.environment().put("BODY_FILE", model.body().toString());
        String output = output(builder, "wrk");
        Matcher non2xx = NON_2XX.matcher(output);
        Matcher socketErrors = SOCKET_ERRORS.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        Matcher p50 = P50.matcher(output);
        if (non2xx.find() || socketErrors.find() || !requests.find() || !p50.find()) {
            throw new IllegalStateException("wrk run against " + baseUrl + " had errors:\n" + output);
        }
        double elapsed = Double.parseDouble(requests.group(2)) * (requests.group(3).equals("ms") ? 0.001 : 1);
        double latency = Double.parseDouble(p50.group(1));
        double millis = switch (p50.group(2)) {
            case "us" -> latency / 1000;
            case "ms" -> latency;
            default -> latency * 1000;
        };
        return new Result(Long.parseLong(requests.group(1)), elapsed, millis);
    }

    /** What a load generator printed (stdout and stderr) once it exited 0; else its output in the exception. */
    static String output(ProcessBuilder builder, String tool) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(tool + " failed:\n" + output);
        }
        return output;
    }
}
