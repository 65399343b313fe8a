package dev.mlforge.tracing;

/** An assessment as stored: its identifying columns and its wire JSON. */
record AssessmentRow(String assessmentId, String traceId, String name, long createTime, long lastUpdateTime,
        String content) {}
