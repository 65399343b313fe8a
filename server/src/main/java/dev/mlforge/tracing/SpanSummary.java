package dev.mlforge.tracing;

/** What a batch of spans tells of one trace: its time range, its root span's state and the root's previews. */
record SpanSummary(String traceId, long minStartMs, Long maxEndMs, String rootState, String requestPreview,
        String responsePreview) {}
