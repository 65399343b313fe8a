package dev.mlforge.tracking;

import java.util.List;
import java.util.Optional;

/**
 * Persistence of experiments, runs and what is logged to them. Implementations do no validation beyond
 * what needs the data (uniqueness, immutable params); {@link TrackingService} validates the rest.
 */
public interface TrackingStore {

    /** Creates an experiment and returns its id; a null {@code artifactLocation} becomes {@code mlflow-artifacts:/<id>}. */
    String createExperiment(String name, String artifactLocation, List<Tag> tags, long now);

    Optional<ExperimentEntity> experiment(String experimentId);

    /** The experiment without its tags (one indexed row): for hot paths that only check its state or location. */
    Optional<ExperimentEntity> experimentWithoutTags(String experimentId);

    Optional<ExperimentEntity> experimentByName(String name);

    /** Up to {@code search.limit()} experiments from {@code search.offset()}. */
    List<ExperimentEntity> searchExperiments(ExperimentSearch search);

    void renameExperiment(String experimentId, String newName, long now);

    /** Deletes or restores an experiment together with its runs. */
    void setExperimentLifecycle(String experimentId, LifecycleStage stage, long now);

    void setExperimentTag(String experimentId, Tag tag, long now);

    void createRun(RunInfoEntity info, List<Tag> tags);

    Optional<RunInfoEntity> runInfo(String runId);

    Optional<RunEntity> run(String runId);

    /** The runs of {@code runIds} that exist, with their data, in the order asked (unknown ids left out). */
    List<RunEntity> runs(List<String> runIds);

    /** Updates the non-null fields; a new run name is mirrored in the {@code mlflow.runName} tag. */
    void updateRun(String runId, RunStatus status, Long endTime, String runName);

    void setRunLifecycle(String runId, LifecycleStage stage);

    /**
     * Logs metrics, params and tags in one transaction. Metrics already logged are skipped (retries are
     * idempotent); a param logged again with another value fails with INVALID_PARAMETER_VALUE.
     */
    void logBatch(String runId, List<MetricEntity> metrics, List<ParamEntity> params, List<Tag> tags);

    /** Deletes a tag; returns false when the run has no such tag. */
    boolean deleteTag(String runId, String key);

    void logInputs(String runId, String experimentId, List<DatasetInputEntity> inputs);

    /** Up to {@code search.limit()} runs from {@code search.offset()}, with their data. */
    List<RunEntity> searchRuns(RunSearch search);

    /** The history of one metric in (step, timestamp, value) order. */
    List<MetricEntity> metricHistory(String runId, String key, int offset, int limit);

    /** The history of one metric of several runs, steps within [startStep, endStep] when given, by run then step. */
    List<RunMetric> metricHistories(List<String> runIds, String key, Long startStep, Long endStep);

    /**
     * The history of one metric of several runs sampled by the database for a chart, by run then step: per run, the
     * points at up to {@code maxSteps} steps evenly spaced between its first and last step (each target is the first
     * logged step at or after it, so the first and last step are always in), plus the steps of its lowest and highest
     * number. Every point logged at a chosen step is returned.
     */
    List<RunMetric> sampledMetricHistories(List<String> runIds, String key, int maxSteps);

    /** The min and max over the whole history of {@code key} for each of the runs that logged a number to it. */
    List<MetricRange> metricRanges(List<String> runIds, String key);

    /**
     * The distinct keys of one kind ({@code metrics}, {@code params} or {@code tags}) logged to the runs of an
     * experiment (kept on write, so a deleted run's keys stay), sorted, after {@code after} (exclusive, null for the
     * first page), containing {@code contains} case-insensitively (null or empty for all), at most {@code limit}. Tags
     * leave out the {@code mlflow.} system tags.
     */
    List<String> experimentKeys(String experimentId, String kind, String contains, String after, int limit);
}
