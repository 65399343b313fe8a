package dev.mlforge.bench.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a server's flight recording says authentication and permission checks cost: of its execution samples taken
 * while a measured pass ran (from its first request until the server settled), the share whose stack passes through
 * the {@code dev.mlforge.auth} package (authenticators, permission checker, rate limit, and the caches and stores they
 * call). Every thread of the server counts, the writer, the metric folder and the audit writer included, so the share
 * is of what the server spent serving that workload: the cost auth adds to the workload's throughput, read inside one
 * process, which the load of a shared machine moves far less than CPU time per request or requests per second.
 */
final class AuthSamples {
    private static final String AUTH_PACKAGE = "dev.mlforge.auth.";

    /** Samples counted, and those inside authentication or a permission check. */
    record Share(long samples, long inAuth) {
        double percent() {
            return samples == 0 ? Double.NaN : 100.0 * inAuth / samples;
        }

        Share plus(boolean auth) {
            return new Share(samples + 1, inAuth + (auth ? 1 : 0));
        }
    }

    /** The shares of the two workloads. */
    record Shares(Share ingest, Share infer) {}

    /** When one measured pass ran. */
    record Window(Instant from, Instant to) {
        boolean holds(Instant time) {
            return !time.isBefore(from) && !time.isAfter(to);
        }
    }

    private AuthSamples() {}

    static Shares of(Path recording, List<Window> ingest, List<Window> infer) throws IOException {
        Share ingestShare = new Share(0, 0);
        Share inferShare = new Share(0, 0);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                RecordedStackTrace stack = event.getStackTrace();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null) {
                    continue;
                }
                Instant time = event.getStartTime();
                boolean inIngest = ingest.stream().anyMatch(window -> window.holds(time));
                boolean inInfer = !inIngest && infer.stream().anyMatch(window -> window.holds(time));
                if (!inIngest && !inInfer) {
                    continue;
                }
                boolean auth = false;
                for (RecordedFrame frame : stack.getFrames()) {
                    if (frame.getMethod().getType().getName().startsWith(AUTH_PACKAGE)) {
                        auth = true;
                        break;
                    }
                }
                if (inIngest) {
                    ingestShare = ingestShare.plus(auth);
                } else {
                    inferShare = inferShare.plus(auth);
                }
            }
        }
        return new Shares(ingestShare, inferShare);
    }
}
