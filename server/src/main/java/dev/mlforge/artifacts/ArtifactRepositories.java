package dev.mlforge.artifacts;

import dev.mlforge.config.ServerConfig;

/**
 * Builds the artifact repository that {@code artifacts-destination} names; the one place that knows the
 * implementations (a local folder today; remote stores join here).
 */
public final class ArtifactRepositories {
    private ArtifactRepositories() {}

    /** The repository of {@code config}'s {@code artifacts-destination}, created when missing. */
    public static ArtifactRepository open(ServerConfig config) {
        return new LocalArtifactRepository(ArtifactDestination.folder(config));
    }
}
