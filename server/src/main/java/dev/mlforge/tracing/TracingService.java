package dev.mlforge.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.api.tracing.Assessment;
import dev.mlforge.api.tracing.LinkPromptsToTraceRequest;
import dev.mlforge.api.tracing.TraceInfoV3;
import dev.mlforge.http.Json;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.PythonJson;
import dev.mlforge.search.OrderClause;
import dev.mlforge.search.PageToken;
import dev.mlforge.search.ResultPage;
import dev.mlforge.search.SearchEntity;
import dev.mlforge.search.SearchFilterParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Traces' use cases with MLflow's rules: recording infos and spans, reading, searching, tagging, deleting, assessing. */
public final class TracingService {
    static final int DEFAULT_MAX_RESULTS = 100;
    static final int MAX_RESULTS = 500;
    /** The most traces one LinkTracesToRun takes, as in MLflow. */
    static final int MAX_LINKS = 100;
    /** The trace tag listing the prompt versions a trace used. */
    static final String LINKED_PROMPTS = "mlflow.linkedPrompts";

    private final TraceStore store;
    private final TraceExperiments experiments;
    private final Clock clock;
    private final RandomGenerator ids;
    private final SpanCommits commits;

    TracingService(TraceStore store, TraceExperiments experiments, Clock clock, RandomGenerator ids) {
        this.store = store;
        this.commits = new SpanCommits(store, experiments);
        this.experiments = experiments;
        this.clock = clock;
        this.ids = ids;
    }

    /** StartTraceV3: records the info the client sends when a trace ends, merged with what its spans recorded. */
    public TraceInfoEntity startTrace(TraceInfoV3 info) {
        String traceId = required(info.traceId(), "trace.trace_info.trace_id");
        String experimentId = info.traceLocation() == null ? null : info.traceLocation().experimentId();
        required(experimentId, "trace.trace_info.trace_location.mlflow_experiment.experiment_id");
        String artifactRoot = experiments.activeArtifactLocation(experimentId);
        Long requestTime = TraceTimes.parseTimestamp(info.requestTime(), "request_time");
        Map<String, String> tags = new LinkedHashMap<>(info.tags() == null ? Map.of() : info.tags());
        tags.put(TraceStore.ARTIFACT_LOCATION, artifactRoot + "/traces/" + traceId + "/artifacts");
        Map<String, String> metadata = new LinkedHashMap<>(info.traceMetadata() == null ? Map.of() : info.traceMetadata());
        metadata.put(TraceStore.FINALIZED, "true");
        List<AssessmentRow> assessments = new ArrayList<>();
        for (Assessment assessment : info.assessments() == null ? List.<Assessment>of() : info.assessments()) {
            assessments.add(newAssessment(traceId, assessment));
        }
        store.start(new TraceInfoEntity(traceId, experimentId, requestTime == null ? clock.millis() : requestTime,
                TraceTimes.parseDuration(info.executionDuration(), "execution_duration"),
                info.state() == null ? "STATE_UNSPECIFIED" : info.state(), info.clientRequestId(), info.requestPreview(),
                info.responsePreview(), tags, metadata, List.of()), assessments);
        return getTraceInfo(traceId);
    }

    /**
     * Stores OTLP spans in experiment {@code experimentId}, creating or widening their traces' infos; returns once they
     * are committed (grouped with other exports by {@link SpanCommits}).
     */
    public int logSpans(String experimentId, List<SpanRow> spans) {
        if (spans.isEmpty()) {
            return 0;
        }
        commits.commit(experimentId, spans);
        return spans.size();
    }

    public TraceInfoEntity getTraceInfo(String traceId) {
        return store.find(required(traceId, "trace_id")).orElseThrow(() -> notFound(traceId));
    }

    /** The trace and its stored spans; without {@code allowPartial}, a trace with no span yet is not exported yet. */
    public TraceWithSpans getTrace(String traceId, boolean allowPartial) {
        TraceInfoEntity info = getTraceInfo(traceId);
        List<byte[]> spans = store.spans(traceId);
        if (spans.isEmpty() && !allowPartial) {
            throw MlforgeException.notFound("Trace with ID " + traceId + " is not fully exported yet, please try again later.");
        }
        return new TraceWithSpans(info, spans);
    }

    /**
     * The spans of a trace, in start order, for display: ids in hex, the parent's id (null for a root), MLflow's span
     * type, and the inputs and outputs as JSON text. RESOURCE_DOES_NOT_EXIST when the trace does not exist.
     */
    public List<TraceSpan> spans(String traceId) {
        getTraceInfo(traceId);
        List<TraceSpan> spans = new ArrayList<>();
        for (byte[] content : store.spans(traceId)) {
            SpanRow row;
            try {
                row = OtlpSpans.row(io.opentelemetry.proto.trace.v1.Span.parseFrom(content));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("A stored span of trace " + traceId + " does not parse", e);
            }
            spans.add(new TraceSpan(row.spanId(), row.parentSpanId(), row.name(), row.type(), row.status(),
                    row.startTimeNs(), row.endTimeNs(), row.inputs(), row.outputs()));
        }
        spans.sort(java.util.Comparator.comparingLong(TraceSpan::startTimeNs));
        return spans;
    }

    /** Stores the span exports still queued, then stops the span writer. */
    void close() {
        commits.close();
    }

    /** A trace's info and its spans' protobuf bytes. */
    public record TraceWithSpans(TraceInfoEntity info, List<byte[]> spans) {}

    public List<TraceWithSpans> batchGet(List<String> traceIds) {
        List<TraceWithSpans> traces = new ArrayList<>();
        for (TraceInfoEntity info : store.findAll(traceIds == null ? List.of() : traceIds)) {
            traces.add(new TraceWithSpans(info, store.spans(info.traceId())));
        }
        return traces;
    }

    public ResultPage<TraceInfoEntity> search(List<String> experimentIds, String filter, Integer maxResults,
            List<String> orderBy, String pageToken) {
        if (experimentIds == null || experimentIds.isEmpty()) {
            throw MlforgeException.invalidParameter("At least one location must be specified.");
        }
        for (String experimentId : experimentIds) {
            if (experimentId == null || !experimentId.matches("\\d{1,18}")) {
                throw MlforgeException.invalidParameter("Invalid experiment ID format: " + experimentId);
            }
        }
        int max = maxResults == null ? DEFAULT_MAX_RESULTS : maxResults;
        if (max <= 0 || max > MAX_RESULTS) {
            throw MlforgeException.invalidParameter("Invalid value " + max + " for parameter 'max_results' supplied. It "
                    + "must be a positive integer at most " + MAX_RESULTS);
        }
        List<OrderClause> order = SearchFilterParser.parseOrderBy(orderBy == null ? List.of() : orderBy, SearchEntity.TRACES);
        int offset = PageToken.decode(pageToken);
        List<TraceInfoEntity> rows = store.search(experimentIds,
                SearchFilterParser.parseFilter(filter, SearchEntity.TRACES), order, max + 1, offset);
        if (rows.size() > max) {
            return new ResultPage<>(rows.subList(0, max), PageToken.encode(offset + max));
        }
        return new ResultPage<>(rows, null);
    }

    public void setTag(String traceId, String key, String value) {
        required(key, "key");
        getTraceInfo(traceId);
        store.setTag(traceId, key, value == null ? "" : value);
    }

    /**
     * LinkTracesToRun: links up to {@value #MAX_LINKS} traces to a run, so that a search by {@code run_id} finds them,
     * as MLflow's store does (it checks neither the traces nor the run).
     */
    public void linkTracesToRun(List<String> traceIds, String runId) {
        if (traceIds == null || traceIds.isEmpty()) {
            return;
        }
        required(runId, "run_id");
        if (traceIds.size() > MAX_LINKS) {
            throw MlforgeException.invalidParameter("Cannot link more than " + MAX_LINKS + " traces to a run in a single "
                    + "request. Provided " + traceIds.size() + " traces.");
        }
        store.linkToRun(traceIds.stream().map(id -> required(id, "trace_ids")).distinct().toList(), runId);
    }

    /**
     * LinkPromptsToTrace: adds each prompt version the trace does not list yet to its {@value #LINKED_PROMPTS} tag, a
     * JSON list of {@code {"name", "version"}} in Python's {@code json.dumps} layout, as MLflow keeps it.
     */
    public void linkPromptsToTrace(String traceId, List<LinkPromptsToTraceRequest.PromptVersionRef> promptVersions) {
        required(traceId, "trace_id");
        TraceInfoEntity info = getTraceInfo(traceId);
        List<Object> linked = new ArrayList<>();
        String current = info.tags().get(LINKED_PROMPTS);
        if (current != null) {
            try {
                if (!(Json.mapper().readValue(current, Object.class) instanceof List<?> list)) {
                    throw MlforgeException.invalidParameter("Invalid format for '" + LINKED_PROMPTS + "' tag: " + current);
                }
                linked.addAll(list);
            } catch (JsonProcessingException e) {
                throw MlforgeException.invalidParameter("Invalid JSON format for '" + LINKED_PROMPTS + "' tag: " + current);
            }
        }
        int before = linked.size();
        for (LinkPromptsToTraceRequest.PromptVersionRef version : promptVersions == null
                ? List.<LinkPromptsToTraceRequest.PromptVersionRef>of() : promptVersions) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", required(version.name(), "prompt_versions.name"));
            entry.put("version", required(version.version(), "prompt_versions.version"));
            if (!linked.contains(entry)) {
                linked.add(entry);
            }
        }
        if (linked.size() > before) {
            store.setTag(traceId, LINKED_PROMPTS, PythonJson.write(linked));
        }
    }

    public void deleteTag(String traceId, String key) {
        required(key, "key");
        getTraceInfo(traceId);
        if (!store.deleteTag(traceId, key)) {
            throw MlforgeException.notFound("No trace tag with key '" + key + "' for trace with ID '" + traceId + "'");
        }
    }

    /** DeleteTraces with MLflow's rules: either trace ids, or a maximum timestamp (with an optional count). */
    public int deleteTraces(String experimentId, Long maxTimestampMillis, Integer maxTraces, List<String> traceIds) {
        required(experimentId, "experiment_id");
        boolean byIds = traceIds != null && !traceIds.isEmpty();
        if (maxTimestampMillis == null && !byIds) {
            throw MlforgeException.invalidParameter("Either `max_timestamp_millis` or `trace_ids` must be specified.");
        }
        if (maxTimestampMillis != null && maxTimestampMillis != 0 && byIds) {
            throw MlforgeException.invalidParameter("Only one of `max_timestamp_millis` and `trace_ids` can be specified.");
        }
        if (byIds && maxTraces != null) {
            throw MlforgeException.invalidParameter("`max_traces` can't be specified if `trace_ids` is specified.");
        }
        if (maxTraces != null && maxTraces <= 0) {
            throw MlforgeException.invalidParameter("`max_traces` must be a positive integer, received " + maxTraces + ".");
        }
        if (!experimentId.matches("\\d{1,18}")) {
            return 0;
        }
        return byIds ? store.delete(experimentId, traceIds)
                : store.deleteOlder(experimentId, maxTimestampMillis, maxTraces == null ? Integer.MAX_VALUE : maxTraces);
    }

    public Assessment createAssessment(String traceId, Assessment assessment) {
        required(assessment, "assessment");
        getTraceInfo(traceId);
        AssessmentRow row = newAssessment(traceId, assessment);
        store.insertAssessment(row);
        return TraceWire.assessment(row.content());
    }

    public Assessment getAssessment(String traceId, String assessmentId) {
        getTraceInfo(traceId);
        return TraceWire.assessment(store.assessment(traceId, assessmentId).orElseThrow(() -> assessmentNotFound(traceId, assessmentId)));
    }

    /** Changes the fields the update mask names ({@code assessmentName,feedback}); all given fields without a mask. */
    public Assessment updateAssessment(String traceId, String assessmentId, Assessment changes, String updateMask) {
        required(changes, "assessment");
        Assessment current = getAssessment(traceId, assessmentId);
        List<String> mask = updateMask == null || updateMask.isBlank() ? List.of("assessmentName", "feedback", "expectation",
                "rationale", "metadata") : List.of(updateMask.split(","));
        String name = current.assessmentName();
        Map<String, Object> feedback = current.feedback();
        Map<String, Object> expectation = current.expectation();
        String rationale = current.rationale();
        Map<String, String> metadata = current.metadata();
        for (String field : mask) {
            switch (field.trim()) {
                case "assessmentName", "assessment_name" -> name = changes.assessmentName() == null ? name : changes.assessmentName();
                case "feedback" -> {
                    if (changes.feedback() != null) {
                        feedback = changes.feedback();
                        expectation = null;
                    }
                }
                case "expectation" -> {
                    if (changes.expectation() != null) {
                        expectation = changes.expectation();
                        feedback = null;
                    }
                }
                case "rationale" -> rationale = changes.rationale() == null ? rationale : changes.rationale();
                case "metadata" -> metadata = changes.metadata() == null ? metadata : changes.metadata();
                default -> throw MlforgeException.invalidParameter("Invalid update_mask field '" + field.trim() + "'");
            }
        }
        long now = clock.millis();
        Assessment updated = new Assessment(current.assessmentId(), name, traceId, current.spanId(), current.source(),
                current.createTime(), TraceTimes.timestamp(now), feedback, expectation, rationale, metadata,
                current.overrides(), current.valid());
        store.updateAssessment(new AssessmentRow(assessmentId, traceId, name,
                TraceTimes.parseTimestamp(current.createTime(), "create_time"), now, TraceWire.json(updated)));
        return updated;
    }

    public void deleteAssessment(String traceId, String assessmentId) {
        getTraceInfo(traceId);
        if (!store.deleteAssessment(traceId, assessmentId)) {
            throw assessmentNotFound(traceId, assessmentId);
        }
    }

    private AssessmentRow newAssessment(String traceId, Assessment assessment) {
        String name = required(assessment.assessmentName(), "assessment.assessment_name");
        if ((assessment.feedback() == null) == (assessment.expectation() == null)) {
            throw MlforgeException.invalidParameter("Exactly one of `feedback` and `expectation` must be specified.");
        }
        long now = clock.millis();
        Long created = TraceTimes.parseTimestamp(assessment.createTime(), "create_time");
        Long updated = TraceTimes.parseTimestamp(assessment.lastUpdateTime(), "last_update_time");
        long createTime = created == null ? now : created;
        long updateTime = updated == null ? createTime : updated;
        String assessmentId = assessment.assessmentId() != null ? assessment.assessmentId() : "a-" + randomHex();
        Assessment stored = new Assessment(assessmentId, name, traceId, assessment.spanId(),
                assessment.source() == null ? Map.of("source_type", "SOURCE_TYPE_UNSPECIFIED") : assessment.source(),
                TraceTimes.timestamp(createTime), TraceTimes.timestamp(updateTime), assessment.feedback(),
                assessment.expectation(), assessment.rationale(), assessment.metadata(), assessment.overrides(),
                assessment.valid() == null ? Boolean.TRUE : assessment.valid());
        return new AssessmentRow(assessmentId, traceId, name, createTime, updateTime, TraceWire.json(stored));
    }

    private String randomHex() {
        byte[] bytes = new byte[16];
        ids.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The experiment of an existing trace, for routes that check it. */
    public Optional<String> experimentOf(String traceId) {
        return store.experimentOf(traceId);
    }

    private static MlforgeException notFound(String traceId) {
        return MlforgeException.notFound("Trace with ID '" + traceId + "' not found.");
    }

    private static MlforgeException assessmentNotFound(String traceId, String assessmentId) {
        return MlforgeException.notFound("Assessment with ID '" + assessmentId + "' not found for trace '" + traceId + "'");
    }

    private static <T> T required(T value, String field) {
        return dev.mlforge.http.MlflowRequest.required(value, field);
    }
}
