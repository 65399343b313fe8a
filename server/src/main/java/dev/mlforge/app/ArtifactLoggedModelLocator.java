package dev.mlforge.app;

import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.artifacts.ArtifactUris;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.registry.LoggedModelLocator;
import dev.mlforge.search.ResultPage;
import dev.mlforge.tracking.ExperimentEntity;
import dev.mlforge.tracking.TrackingService;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds an MLflow 3 logged model by where MLflow puts its files, {@code <experiment artifact location>/models/<id>/
 * artifacts}, until the tracking store keeps logged models themselves (then an adapter over that store replaces this
 * one, and knows models whose files have not arrived and their source run).
 */
public final class ArtifactLoggedModelLocator implements LoggedModelLocator {
    private static final Pattern MODEL_ID = Pattern.compile("m-[0-9a-f]{32}");
    private static final int PAGE = 1000;

    private final TrackingService tracking;
    private final ArtifactRepository artifacts;

    public ArtifactLoggedModelLocator(TrackingService tracking, ArtifactRepository artifacts) {
        this.tracking = tracking;
        this.artifacts = artifacts;
    }

    @Override
    public Optional<LoggedModelFacts> find(String modelId) {
        if (modelId == null || !MODEL_ID.matcher(modelId).matches()) {
            return Optional.empty();
        }
        String pageToken = null;
        do {
            ResultPage<ExperimentEntity> page = tracking.searchExperiments(null, List.of(), "ALL", PAGE, pageToken);
            for (ExperimentEntity experiment : page.items()) {
                Optional<String> location = modelArtifacts(experiment.artifactLocation(), modelId);
                if (location.isPresent()) {
                    return Optional.of(new LoggedModelFacts(modelId, location.get(), null));
                }
            }
            pageToken = page.nextPageToken();
        } while (pageToken != null);
        return Optional.empty();
    }

    private Optional<String> modelArtifacts(String experimentLocation, String modelId) {
        String path;
        try {
            path = ArtifactUris.relativePath(experimentLocation, "models/" + modelId + "/artifacts");
        } catch (MlforgeException e) {
            return Optional.empty();
        }
        return artifacts.exists(path) ? Optional.of(ArtifactUris.toUri(path)) : Optional.empty();
    }
}
