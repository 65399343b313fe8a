package dev.mlforge.serving;

import dev.mlforge.store.WorkspaceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of deployments, logged predictions and feedback. */
interface DeploymentStore {
    void insert(Deployment deployment);

    /** Replaces the policies and update time; false when no such deployment. */
    boolean update(Deployment deployment);

    boolean delete(String name);

    Optional<Deployment> find(String name);

    /** The workspace deployment {@code name} lives in, when there is such a deployment. */
    Optional<String> findWorkspace(String name);

    /** The workspace deployment {@code name} lives in ({@code default} when there is no such deployment). */
    default String workspace(String name) {
        return findWorkspace(name).orElse(WorkspaceContext.DEFAULT);
    }

    List<Deployment> list();

    /** The revision of each stored deployment (grows by one with each update), for servers sharing the store. */
    java.util.Map<String, Long> revisions();

    void insertPredictions(List<PackedPrediction> predictions);

    /** The input rows {@code deployment}'s logged predictions hold. */
    long loggedRows(String deployment);

    /**
     * Deletes the oldest logged predictions of {@code deployment} (and the feedback of requests left without any)
     * until at least {@code rows} input rows are gone or the log is empty; answers the rows deleted.
     */
    long trimPredictions(String deployment, long rows);

    /** The newest predictions of {@code deployment} at or after {@code since}, newest first, at most {@code limit}. */
    List<PredictionRecord> recentPredictions(String deployment, Instant since, int limit);

    /** The predictions {@code query} selects, newest first, with feedback labels joined. */
    List<StoredPrediction> predictions(PredictionQuery query);

    /**
     * The requests of {@code deployment} in {@code [from, to)} (null bounds are open) answered by both the primary
     * and a shadow, newest first, at most {@code limit}.
     */
    List<ShadowPair> shadowPairs(String deployment, Instant from, Instant to, int limit);

    /** How many primary answers of {@code deployment} in {@code [from, to)} have no logged shadow answer. */
    long primaryWithoutShadow(String deployment, Instant from, Instant to);

    /** True when {@code deployment} logged a prediction answered as {@code requestId}. */
    boolean hasPrediction(String deployment, String requestId);

    /** Stores or replaces the ground truth of one request. */
    void saveFeedback(String deployment, String requestId, String labelJson, Instant time);
}
