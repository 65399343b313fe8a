package dev.mlforge.tracing;

/**
 * One span as stored: the columns searches and trace infos need, and the OpenTelemetry span as protobuf bytes.
 *
 * @param traceId      MLflow's trace id ({@code tr-...})
 * @param spanId       16 hex digits
 * @param parentSpanId null for a root span
 * @param type         MLflow's span type ({@code LLM}, {@code CHAIN}...), null when not set
 * @param status       {@code OK}, {@code ERROR} or {@code UNSET}
 * @param inputs       the {@code mlflow.spanInputs} attribute as JSON, for a root span's request preview
 * @param outputs      the {@code mlflow.spanOutputs} attribute as JSON
 */
record SpanRow(String traceId, String spanId, String parentSpanId, String name, String type, String status,
        long startTimeNs, long endTimeNs, byte[] content, String inputs, String outputs) {

    boolean isRoot() {
        return parentSpanId == null;
    }
}
