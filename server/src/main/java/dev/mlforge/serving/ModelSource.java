package dev.mlforge.serving;

import dev.mlforge.http.MlforgeException;

/**
 * Resolves a model URI to a loadable, verified model directory. Serving owns this port and depends only
 * on it; the application adapts the registry to it ({@code app/RegistryModelSource}).
 */
public interface ModelSource {
    /**
     * Resolves {@code models:/name/3}, {@code models:/name@alias}, {@code models:/name/Production} or
     * {@code runs:/id/path} to the model's files.
     *
     * @throws MlforgeException RESOURCE_DOES_NOT_EXIST for an unknown model, version or alias;
     *     INVALID_PARAMETER_VALUE for a malformed URI; INVALID_STATE when the version's artifacts fail integrity
     *     verification (serving refuses a tampered version)
     */
    ResolvedModel resolve(String modelUri);

    /**
     * The version number an alias, stage or {@code latest} URI ({@code models:/name@alias}, {@code models:/name/Production})
     * points at now, without loading or verifying anything; empty when it points at nothing or cannot move (a version
     * number, a run). The default knows of no moving URI.
     */
    default java.util.Optional<String> currentVersion(String modelUri) {
        return java.util.Optional.empty();
    }
}
