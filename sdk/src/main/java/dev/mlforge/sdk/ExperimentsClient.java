package dev.mlforge.sdk;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.tracking.CreateExperimentRequest;
import dev.mlforge.api.tracking.CreateExperimentResponse;
import dev.mlforge.api.tracking.Experiment;
import dev.mlforge.api.tracking.ExperimentIdRequest;
import dev.mlforge.api.tracking.ExperimentTag;
import dev.mlforge.api.tracking.GetExperimentResponse;
import dev.mlforge.api.tracking.SearchExperimentsRequest;
import dev.mlforge.api.tracking.SearchExperimentsResponse;
import dev.mlforge.api.tracking.SetExperimentTagRequest;
import dev.mlforge.api.tracking.UpdateExperimentRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The experiment calls of the tracking API ({@code /api/2.0/mlflow/experiments/...}).
 *
 * <p>Obtained from {@link MlforgeClient#experiments()}; thread-safe. Every method throws
 * {@link MlforgeClientException} when the server rejects the call or cannot be reached.
 */
public final class ExperimentsClient {
    private static final String PREFIX = "/api/2.0/mlflow/experiments/";
    private final HttpTransport transport;

    ExperimentsClient(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * Creates an experiment with the server's default artifact location.
     *
     * @param name the unique experiment name
     * @return the new experiment's id
     * @throws MlforgeClientException {@code RESOURCE_ALREADY_EXISTS} when the name is taken
     */
    public String create(String name) {
        return create(new CreateExperimentRequest(name, null, null));
    }

    /**
     * Creates an experiment with an artifact location and tags.
     *
     * @param request the name (required), artifact location and tags
     * @return the new experiment's id
     */
    public String create(CreateExperimentRequest request) {
        // Not idempotent: a repeated create after a lost answer would fail with RESOURCE_ALREADY_EXISTS.
        return transport.sendJson("POST", PREFIX + "create", request, CreateExperimentResponse.class, false).experimentId();
    }

    /**
     * Fetches an experiment by id.
     *
     * @param experimentId the experiment id
     * @return the experiment, active or deleted
     * @throws MlforgeClientException {@code RESOURCE_DOES_NOT_EXIST} when there is none
     */
    public Experiment get(String experimentId) {
        return transport.getJson(PREFIX + "get", Map.of("experiment_id", experimentId), GetExperimentResponse.class)
                .experiment();
    }

    /**
     * Looks an experiment up by name.
     *
     * @param name the experiment name
     * @return the experiment, or empty when no experiment has that name
     */
    public Optional<Experiment> getByName(String name) {
        try {
            return Optional.of(transport.getJson(PREFIX + "get-by-name", Map.of("experiment_name", name),
                    GetExperimentResponse.class).experiment());
        } catch (MlforgeClientException e) {
            if (e.is(ErrorCode.RESOURCE_DOES_NOT_EXIST)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Fetches one page of experiments.
     *
     * @param request filter (e.g. {@code name LIKE 'prod%'}), order, page size, page token and view type
     * @return the page and the token of the next one
     */
    public SearchExperimentsResponse search(SearchExperimentsRequest request) {
        return transport.sendJson("POST", PREFIX + "search", request, SearchExperimentsResponse.class, true);
    }

    /**
     * Lazily walks every page of a search; pages are fetched as the stream is consumed.
     *
     * @param filter the filter, or null for all experiments
     * @param orderBy order clauses such as {@code creation_time DESC}; empty for the server's order
     * @param viewType {@code ACTIVE_ONLY}, {@code DELETED_ONLY}, {@code ALL}, or null for active only
     * @return all matching experiments
     */
    public Stream<Experiment> searchAll(String filter, List<String> orderBy, String viewType) {
        return Pages.stream(token -> {
            SearchExperimentsResponse page = search(new SearchExperimentsRequest(null, token, filter,
                    orderBy == null || orderBy.isEmpty() ? null : orderBy, viewType));
            return new Pages.Page<>(page.experiments(), page.nextPageToken());
        });
    }

    /**
     * Renames an experiment.
     *
     * @param experimentId the experiment id
     * @param newName the new unique name
     */
    public void rename(String experimentId, String newName) {
        transport.sendJson("POST", PREFIX + "update", new UpdateExperimentRequest(experimentId, newName), Void.class, true);
    }

    /**
     * Marks an experiment and its runs deleted; {@link #restore} undoes it.
     *
     * @param experimentId the experiment id
     */
    public void delete(String experimentId) {
        transport.sendJson("POST", PREFIX + "delete", new ExperimentIdRequest(experimentId), Void.class, true);
    }

    /**
     * Restores a deleted experiment.
     *
     * @param experimentId the experiment id
     */
    public void restore(String experimentId) {
        transport.sendJson("POST", PREFIX + "restore", new ExperimentIdRequest(experimentId), Void.class, true);
    }

    /**
     * Sets (or overwrites) a tag on an experiment.
     *
     * @param experimentId the experiment id
     * @param key the tag key
     * @param value the tag value
     */
    public void setTag(String experimentId, String key, String value) {
        transport.sendJson("POST", PREFIX + "set-experiment-tag", new SetExperimentTagRequest(experimentId, key, value),
                Void.class, true);
    }

    /**
     * Returns the id of the experiment with this name, creating it when it does not exist yet.
     *
     * @param name the experiment name
     * @return the experiment id
     */
    public String getOrCreate(String name) {
        Optional<Experiment> existing = getByName(name);
        if (existing.isPresent()) {
            return existing.get().experimentId();
        }
        try {
            return create(name);
        } catch (MlforgeClientException e) {
            // Another client created it between our look-up and our create.
            if (e.is(ErrorCode.RESOURCE_ALREADY_EXISTS)) {
                return getByName(name).orElseThrow(() -> e).experimentId();
            }
            throw e;
        }
    }

    /**
     * Builds a tag list, a convenience for {@link #create(CreateExperimentRequest)}.
     *
     * @param tags the tags as a map
     * @return the tags as wire records, in the map's order
     */
    public static List<ExperimentTag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new ExperimentTag(e.getKey(), e.getValue())).toList();
    }
}
