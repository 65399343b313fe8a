package dev.mlforge.tracing;

import java.util.List;

/** What a batch of spans tells of one trace: its time range, its root span's state and the root's previews. */
record SpanSummary(String traceId, long minStartMs, Long maxEndMs, String rootState, String requestPreview,
        String responsePreview) {
    private static final int PREVIEW_CHARS = 1000;

    /** The summary of {@code spans}, all of trace {@code traceId}; the last root span among them gives state and previews. */
    static SpanSummary of(String traceId, List<SpanRow> spans) {
        long minStart = Long.MAX_VALUE;
        Long maxEnd = null;
        SpanRow root = null;
        for (SpanRow span : spans) {
            minStart = Math.min(minStart, span.startTimeNs() / 1_000_000);
            if (span.endTimeNs() != 0) {
                maxEnd = Math.max(maxEnd == null ? Long.MIN_VALUE : maxEnd, span.endTimeNs() / 1_000_000);
            }
            if (span.isRoot()) {
                root = span;
            }
        }
        String rootState = root == null ? null : root.status().equals("ERROR") ? "ERROR" : "OK";
        return new SpanSummary(traceId, minStart, maxEnd, rootState,
                root == null ? null : preview(root.inputs()), root == null ? null : preview(root.outputs()));
    }

    private static String preview(String text) {
        return text == null || text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS - 3) + "...";
    }
}
