package dev.mlforge.tracing;

import java.util.List;
import java.util.Map;

/**
 * A trace's info as stored.
 *
 * @param requestTime       start, epoch milliseconds
 * @param executionDuration milliseconds; null while unknown
 * @param state             OK, ERROR, IN_PROGRESS or STATE_UNSPECIFIED
 * @param assessments       the assessments' wire JSON, oldest first
 */
public record TraceInfoEntity(String traceId, String experimentId, long requestTime, Long executionDuration, String state,
        String clientRequestId, String requestPreview, String responsePreview, Map<String, String> tags,
        Map<String, String> metadata, List<String> assessments) {
}
