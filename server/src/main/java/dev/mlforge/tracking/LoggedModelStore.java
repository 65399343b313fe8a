package dev.mlforge.tracking;

import java.util.List;
import java.util.Optional;

/** Persistence of logged models, the metrics logged with their ids, and the models runs take in and put out. */
interface LoggedModelStore {

    void create(LoggedModelEntity model);

    /** The model with its tags, params and metrics, deleted ones included (check its lifecycle stage). */
    Optional<LoggedModelEntity> find(String modelId);

    void finalizeStatus(String modelId, LoggedModelStatus status, String statusMessage, long now);

    void delete(String modelId, long now);

    void setTags(String modelId, List<Tag> tags, long now);

    /** Deletes a tag; false when the model has no such tag. */
    boolean deleteTag(String modelId, String key);

    /** Logs params; a param logged again keeps its first value, as MLflow's store does not overwrite it. */
    void logParams(String modelId, List<ParamEntity> params);

    /** Stores metric values; a value logged again (same key, step, timestamp and run) is skipped. */
    void logMetrics(List<LoggedModelMetric> metrics);

    /** The ids among {@code modelIds} that name a model, deleted ones included. */
    List<String> existing(List<String> modelIds);

    List<LoggedModelEntity> search(LoggedModelSearch search);

    void addRunInputs(String runId, List<String> modelIds);

    void addRunOutputs(String runId, List<LoggedModelOutput> outputs);

    List<String> runInputs(String runId);

    List<LoggedModelOutput> runOutputs(String runId);

    /** The outputs of each of these runs that has any. */
    java.util.Map<String, List<LoggedModelOutput>> runOutputs(List<String> runIds);
}
