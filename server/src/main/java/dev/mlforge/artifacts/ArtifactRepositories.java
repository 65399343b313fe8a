package dev.mlforge.artifacts;

import dev.mlforge.config.ServerConfig;

/**
 * Builds the artifact repository that {@code artifacts-destination} names; the one place that knows the
 * implementations (a local folder, an S3 bucket).
 */
public final class ArtifactRepositories {
    private ArtifactRepositories() {}

    /** The repository of {@code config}'s {@code artifacts-destination}, created when missing (a folder) or checked (a bucket). */
    public static ArtifactRepository open(ServerConfig config) {
        return ArtifactDestination.s3(config)
                .<ArtifactRepository>map(location -> S3ArtifactRepository.open(S3Settings.from(config, location)))
                .orElseGet(() -> new LocalArtifactRepository(ArtifactDestination.folder(config)));
    }
}
