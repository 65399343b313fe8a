package dev.mlforge.registry;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.artifacts.ArtifactUris;
import dev.mlforge.models.ModelUri;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks a model version's source and finds it in the artifact store. Accepted: {@code runs:/<run_id>/<path>},
 * {@code mlflow-artifacts:/<path>} (and {@code mlforge-artifacts:}), and a {@code file:} URI or absolute path
 * inside the local artifact root. Everything else (a path escaping the store, another host's file, an unknown
 * scheme) is refused with INVALID_PARAMETER_VALUE.
 */
final class SourceLocator {
    private final ArtifactRepository artifacts;
    private final RunSource runs;

    SourceLocator(ArtifactRepository artifacts, RunSource runs) {
        this.artifacts = artifacts;
        this.runs = runs;
    }

    /** Where a source lives in the store, and the run it names (null unless known). */
    record Located(String storagePath, RunFacts run) {}

    /** Resolves {@code source} to an existing path of the store, or refuses it. */
    Located locate(String source) {
        Located located = resolve(source);
        if (!artifacts.exists(located.storagePath())) {
            throw refused(source, "it does not exist in the artifact store");
        }
        return located;
    }

    private Located resolve(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (ModelUri.isRunUri(source)) {
            return fromRun(source);
        }
        if (lower.startsWith("mlflow-artifacts:") || lower.startsWith("mlforge-artifacts:")) {
            return new Located(checked(source, () -> ArtifactUris.relativePath(source)), null);
        }
        if (lower.startsWith("file:") || source.startsWith("/")) {
            return new Located(insideLocalRoot(source), null);
        }
        throw refused(source, "its scheme is not supported (use runs:/, mlflow-artifacts:/ or a path inside the artifact store)");
    }

    private Located fromRun(String source) {
        ModelUri.RunArtifact artifact;
        try {
            artifact = (ModelUri.RunArtifact) ModelUri.parse(source);
        } catch (MlforgeException e) {
            throw refused(source, "it names no run");
        }
        RunFacts run = runs.find(artifact.runId()).orElseThrow(() -> MlforgeException.invalidParameter(
                "Invalid model version source '" + source + "': run " + artifact.runId() + " not found"));
        String runRoot = resolve(run.artifactUri()).storagePath();
        return new Located(checked(source, () -> ArtifactUris.relativePath(ArtifactUris.toUri(runRoot), artifact.path())), run);
    }

    private String insideLocalRoot(String source) {
        if (source.contains("..") || source.indexOf('%') >= 0 || source.indexOf('\\') >= 0 || source.indexOf('\0') >= 0) {
            throw refused(source, "its path is not in normal form");
        }
        Path path;
        try {
            if (source.toLowerCase(Locale.ROOT).startsWith("file:")) {
                URI uri = new URI(source);
                if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !uri.getAuthority().equals("localhost")) {
                    throw refused(source, "it names another host");
                }
                path = Path.of(uri.getPath());
            } else {
                path = Path.of(source);
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw refused(source, "it is not a valid URI");
        }
        String relative = artifacts.pathOf(path.toAbsolutePath().normalize())
                .orElseThrow(() -> refused(source, "it is outside the artifact store"));
        return checked(source, () -> ArtifactUris.relativePath(ArtifactUris.toUri(relative)));
    }

    /** Runs the artifact store's path checks, rewording their refusal as one of the source. */
    private static <T> T checked(String source, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (MlforgeException e) {
            throw refused(source, e.getMessage());
        }
    }

    static MlforgeException refused(String source, String reason) {
        return MlforgeException.invalidParameter("Invalid model version source '" + source + "': " + reason + ".");
    }
}
