package dev.mlforge.tracing;

import dev.mlforge.search.FilterClause;
import dev.mlforge.search.OrderClause;
import java.util.List;
import java.util.Optional;

/**
 * Where traces, their tags, metadata, spans (as OTLP protobuf bytes) and assessments are kept; the tracing feature's
 * seam to the backend store.
 */
interface TraceStore {
    /** The tag MLflow's clients read a trace's artifact folder from. */
    String ARTIFACT_LOCATION = "mlflow.artifactLocation";
    /** The metadata entry that marks an info its client finished (StartTraceV3 arrived). */
    String FINALIZED = "mlflow.trace.infoFinalized";
    /** The tag that tells clients the spans live in the tracking store, not in an artifact file. */
    String SPANS_LOCATION = "mlflow.trace.spansLocation";

    /** Records a trace's info (StartTraceV3): a trace its spans created is completed, its tags and metadata merged. */
    void start(TraceInfoEntity info, List<AssessmentRow> assessments);

    /**
     * Stores the exports' spans and creates or widens their traces' infos, as MLflow's {@code log_spans} does, in one
     * transaction, the exports applied in order.
     */
    void logSpans(List<SpanExport> exports);

    /** The spans of one OTLP export, for active experiment {@code experimentId} whose artifacts are under {@code artifactRoot}. */
    record SpanExport(String experimentId, String artifactRoot, List<SpanRow> spans) {}

    Optional<String> experimentOf(String traceId);

    Optional<TraceInfoEntity> find(String traceId);

    List<TraceInfoEntity> findAll(List<String> traceIds);

    /** A trace's spans as stored OTLP protobuf bytes, in start order. */
    List<byte[]> spans(String traceId);

    List<TraceInfoEntity> search(List<String> experimentIds, List<FilterClause> clauses, List<OrderClause> order,
            int limit, int offset);

    void setTag(String traceId, String key, String value);

    /** Links each trace to the run (a link already there stays one link). */
    void linkToRun(List<String> traceIds, String runId);

    boolean deleteTag(String traceId, String key);

    int delete(String experimentId, List<String> traceIds);

    /** Deletes up to {@code maxTraces} of the experiment's traces requested at or before {@code maxTimestamp}, oldest first. */
    int deleteOlder(String experimentId, long maxTimestamp, int maxTraces);

    void insertAssessment(AssessmentRow row);

    /** An assessment's wire JSON. */
    Optional<String> assessment(String traceId, String assessmentId);

    void updateAssessment(AssessmentRow row);

    boolean deleteAssessment(String traceId, String assessmentId);
}
