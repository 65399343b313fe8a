package dev.mlforge.bench.serving;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nghttp2's {@code h2load} (Debian's {@code nghttp2-client}) posting one pre-encoded gRPC message (the 5-byte
 * length prefix and the protobuf bytes) to one method over h2c, over and over: two threads (one for a single
 * connection), a fixed number of connections and of calls in flight on each. A C client as light as wrk, so the gRPC rows are
 * not the bench JVM's client measuring itself. h2load sees only the HTTP status, not {@code grpc-status} (a failed
 * call is a 200 with a status in its trailers): the caller checks the calls' outcome another way. A run with any
 * failed, errored, timed-out or non-2xx request is refused, not measured.
 */
final class H2load {
    private static final Pattern REQUESTS = Pattern.compile(
            "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored, (\\d+) timeout");
    private static final Pattern STATUS = Pattern.compile("status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");
    private static final Pattern FINISHED = Pattern.compile("finished in ([\\d.]+)(m?s)");

    private final int connections;
    private final int streams;

    /** {@code connections} connections with {@code streams} calls in flight on each. */
    H2load(int connections, int streams) {
        this.connections = connections;
        this.streams = streams;
    }

    /** Whether {@code h2load} runs on this machine. */
    static boolean available() {
        try {
            Process probe = new ProcessBuilder("h2load", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor() == 0;
        } catch (Exception absent) {
            return false;
        }
    }

    /** What one run measured: the requests answered 2xx and the measured seconds. */
    record Result(long requests, double seconds) {}

    /** POSTs {@code message} (a length-prefixed gRPC message) to {@code url} for {@code seconds}. */
    Result run(String url, Path message, int seconds) throws Exception {
        String output = Wrk.output(new ProcessBuilder(List.of("h2load", "-t" + Math.min(2, connections), "-c" + connections, "-m" + streams, "-D" + seconds,
                "-d", message.toString(), "-H", "content-type: application/grpc", "-H", "te: trailers", url)), "h2load");
        Matcher requests = REQUESTS.matcher(output);
        Matcher status = STATUS.matcher(output);
        Matcher finished = FINISHED.matcher(output);
        if (!requests.find() || !status.find() || !finished.find()) {
            throw new IllegalStateException("unexpected h2load output:\n" + output);
        }
        long succeeded = Long.parseLong(requests.group(4));
        boolean clean = Long.parseLong(requests.group(5)) == 0 && Long.parseLong(requests.group(6)) == 0
                && Long.parseLong(requests.group(7)) == 0 && Long.parseLong(status.group(1)) == succeeded && succeeded > 0;
        if (!clean) {
            throw new IllegalStateException("h2load run against " + url + " had errors:\n" + output);
        }
        double elapsed = Double.parseDouble(finished.group(1)) * (finished.group(2).equals("ms") ? 0.001 : 1);
        return new Result(succeeded, elapsed);
    }
}
