package dev.mlforge.bench.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a server's flight recording says authentication and permission checks cost: of its execution samples taken
 * after {@code from} (the measured rounds), the share whose stack passes through the {@code dev.mlforge.auth} package
 * (authenticators, permission checker, rate limit, and the caches and stores they call), among the samples of requests
 * the router carried (log-batch: a Javalin frame on the stack) and of those the lean data plane answered (V2 infer). A
 * share within one process, so the load of a shared machine moves it far less than CPU time per request. Background
 * work (the audit writer, the prediction log) is left out of both, so the shares overstate what auth costs.
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
    record Shares(Share routed, Share dataPlane) {}

    private AuthSamples() {}

    static Shares of(Path recording, Instant from) throws IOException {
        Share routed = new Share(0, 0);
        Share dataPlane = new Share(0, 0);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                RecordedStackTrace stack = event.getStackTrace();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null
                        || event.getStartTime().isBefore(from)) {
                    continue;
                }
                boolean auth = false;
                boolean lean = false;
                boolean routedRequest = false;
                for (RecordedFrame frame : stack.getFrames()) {
                    String type = frame.getMethod().getType().getName();
                    auth |= type.startsWith(AUTH_PACKAGE);
                    // the lean data plane wraps the router: only its own serve() answers a request itself
                    lean |= type.equals("dev.mlforge.http.LeanDataPlane") && frame.getMethod().getName().equals("serve");
                    routedRequest |= type.startsWith("io.javalin.");
                }
                if (lean) {
                    dataPlane = dataPlane.plus(auth);
                } else if (routedRequest) {
                    routed = routed.plus(auth);
                }
            }
        }
        return new Shares(routed, dataPlane);
    }
}
