package dev.mlforge.ui.ops;

import dev.mlforge.ui.Frame;
import dev.mlforge.ui.ops.RegistryViews.Fact;
import java.util.List;

/** The records the dataset, pipeline and trace templates render. */
public final class DataViews {
    private DataViews() {}

    public record DatasetsPage(Frame frame, List<DatasetRow> datasets) {}

    public record DatasetRow(String name, String href, int versions, int latest, String digest, String updated) {}

    /** A dataset's versions and the profile of one of them. */
    public record DatasetPage(Frame frame, String name, List<VersionLink> versions, int shown, List<Fact> facts,
            List<ProfileRow> profile, String lineageHref) {}

    public record VersionLink(int version, String href, String digest, String rows, String created, boolean current) {}

    /** One column's statistics; {@code top} lists the most frequent categories with their counts. */
    public record ProfileRow(String column, String type, String count, String missing, String min, String max,
            String mean, String std, String quantiles, String distinct, String top) {}

    public record PipelinesPage(Frame frame, String pipeline, List<RunRow> runs, List<ScheduleRow> schedules,
            List<TriggerRow> triggers) {}

    public record RunRow(String runId, String href, String pipeline, String status, String trigger, String started,
            String duration, String message) {}

    public record ScheduleRow(String name, String cron, boolean enabled, String nextFire, String lastFired, String params) {}

    public record TriggerRow(String deployment, String deploymentHref, String pipeline, String params, String created) {}

    /** A pipeline run: its DAG coloured by step state, and each step's record. */
    public record PipelineRunPage(Frame frame, RunRow run, List<Fact> params, GraphView dag, List<StepRow> steps,
            String trackingRunHref) {}

    public record StepRow(String step, String state, int attempts, boolean cached, String message, String trackingRunHref,
            String trackingRunId, String outputs, String updated) {}

    public record TracesPage(Frame frame, List<Fact> experiments, String experimentId, String filter, String error,
            List<TraceRow> traces, String nextHref) {}

    public record TraceRow(String traceId, String href, String state, String started, String duration, String request,
            String response, int assessments) {}

    /** A trace: its spans as a tree with timing bars, their inputs and outputs, and its assessments. */
    public record TracePage(Frame frame, String traceId, List<Fact> facts, List<SpanRow> spans, List<AssessmentRow> assessments,
            List<Fact> tags) {}

    /**
     * One span in tree order.
     *
     * @param depth       its depth in the tree (0 for a root)
     * @param offsetShare where it starts within the trace, 0..100
     * @param widthShare  how much of the trace it lasts, 0..100
     */
    public record SpanRow(String spanId, String name, String type, String status, int depth, String duration,
            double offsetShare, double widthShare, String inputs, String outputs) {}

    public record AssessmentRow(String name, String kind, String value, String source, String rationale, String time) {}
}
