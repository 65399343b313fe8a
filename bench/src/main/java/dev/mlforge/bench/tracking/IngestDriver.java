package dev.mlforge.bench.tracking;

import java.util.List;

/**
 * Posts prepared log-batch bodies to one server over 4 (or as many as lists given) keep-alive connections, each
 * connection its own list in order, and counts the acknowledged metrics in a fixed window.
 */
interface IngestDriver {
    /**
     * What the measurement window saw; {@code sentBodies} counts every body sent from the window's start, including
     * those still in flight when it closed (the server stores them too, so they count in its CPU time).
     */
    record Result(long sentBodies, long acknowledgedBodies, long failedBodies, double seconds, boolean ranOutOfBodies) {
        double metricsPerSecond() {
            return acknowledgedBodies * (double) LogBatchBodies.METRICS_PER_BODY / seconds;
        }
    }

    /** A short name for the report: which client sent the requests. */
    String name();

    /** Sends {@code bodiesPerConnection.get(c)} on connection {@code c} to {@code baseUrl}'s log-batch route. */
    Result run(String baseUrl, List<List<String>> bodiesPerConnection, int seconds) throws Exception;
}
