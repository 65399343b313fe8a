package dev.mlforge.tracing;

/**
 * One span of a trace as a reader sees it (the web UI's span tree).
 *
 * @param spanId       16 hex digits
 * @param parentSpanId null for a root span
 * @param type         MLflow's span type ({@code LLM}, {@code CHAIN}...), null when not set
 * @param status       {@code OK}, {@code ERROR} or {@code UNSET}
 * @param inputs       the span's inputs as JSON text, null when not recorded
 * @param outputs      the span's outputs as JSON text, null when not recorded
 */
public record TraceSpan(String spanId, String parentSpanId, String name, String type, String status, long startTimeNs,
        long endTimeNs, String inputs, String outputs) {
    /** The duration in milliseconds (0 while the span has not ended). */
    public double durationMillis() {
        return endTimeNs <= startTimeNs ? 0 : (endTimeNs - startTimeNs) / 1e6;
    }
}
