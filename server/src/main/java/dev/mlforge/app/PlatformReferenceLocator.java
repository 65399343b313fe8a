package dev.mlforge.app;

import dev.mlforge.artifacts.ArtifactUris;
import dev.mlforge.datasets.DatasetService;
import dev.mlforge.monitoring.monitors.ReferenceLocator;
import dev.mlforge.monitoring.monitors.ReferenceSpec;
import dev.mlforge.tracking.TrackingService;

/**
 * Finds monitors' reference CSV files: a registered dataset version's stored file (datasets), or a CSV a run
 * logged as an artifact (tracking's run artifact root).
 */
final class PlatformReferenceLocator implements ReferenceLocator {
    private final DatasetService datasets;
    private final TrackingService tracking;

    PlatformReferenceLocator(DatasetService datasets, TrackingService tracking) {
        this.datasets = datasets;
        this.tracking = tracking;
    }

    @Override
    public String artifactPath(ReferenceSpec spec) {
        if (spec.namesDataset()) {
            String version = spec.datasetVersion() == null ? "latest" : String.valueOf(spec.datasetVersion());
            return datasets.version(spec.dataset(), version).artifactPath();
        }
        return ArtifactUris.relativePath(tracking.runArtifactUri(spec.runId()), spec.artifactPath());
    }
}
