package dev.mlforge.api.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of MLflow 3's BatchGetTraceInfos ({@code traces/batchGetInfos}).
 *
 * @param traceInfos the infos of the traces found, without their spans; written even when none is found
 */
public record BatchGetTraceInfosResponse(@JsonProperty("trace_infos") List<TraceInfoV3> traceInfos) {
}
