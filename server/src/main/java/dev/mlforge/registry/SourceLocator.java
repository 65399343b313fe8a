package dev.mlforge.registry;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.artifacts.ArtifactUris;
import dev.mlforge.models.ModelUri;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks a model version's source and finds where in the artifact store its files are (or will be: as in MLflow, a
 * version may be registered before its files are uploaded). Accepted: {@code runs:/<run_id>/<path>},
 * {@code models:/m-<id>} (an MLflow 3 logged model, through {@link LoggedModelLocator}),
 * {@code mlflow-artifacts:/<path>} (and {@code mlforge-artifacts:}), and a {@code file:} URI or absolute path
 * inside the local artifact root. Everything else (a path escaping the store, another host's file, an unknown
 * scheme) is refused with INVALID_PARAMETER_VALUE.
 */
final class SourceLocator {
    /** A URI with a scheme and an authority ({@code s3://bucket/m}, {@code https://host/m}): files on another system. */
    private static final java.util.regex.Pattern REMOTE = java.util.regex.Pattern.compile(
            "(?s)[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\\\].*");
    private final ArtifactRepository artifacts;
    private final RunSource runs;
    private final LoggedModelLocator loggedModels;

    SourceLocator(ArtifactRepository artifacts, RunSource runs, LoggedModelLocator loggedModels) {
        this.artifacts = artifacts;
        this.runs = runs;
        this.loggedModels = loggedModels;
    }

    /**
     * Where a source lives in the store (null for a remote URI such as {@code s3://bucket/model}, whose files are
     * elsewhere), the run it names (null unless known), the logged model it names (null unless a
     * {@code models:/m-<id>} source), and whether its files are in the store yet.
     */
    record Located(String storagePath, RunFacts run, String loggedModelId, boolean present) {}

    /** Resolves {@code source} to a path of the store, whether or not its files have arrived, or refuses it. */
    Located locate(String source) {
        Located located = resolve(source);
        return new Located(located.storagePath(), located.run(), located.loggedModelId(),
                located.storagePath() != null && artifacts.exists(located.storagePath()));
    }

    /** The logged model {@code modelId}, or a refusal naming it. */
    LoggedModelLocator.LoggedModelFacts loggedModel(String modelId) {
        return loggedModels.find(modelId).orElseThrow(() -> MlforgeException.notFound(
                "Logged model with ID '" + modelId + "' not found."));
    }

    /** Tells the logged model {@code modelId} that a registry version was registered from it. */
    void recordRegisteredVersion(String modelId, String modelName, int version) {
        loggedModels.recordRegisteredVersion(modelId, modelName, version);
    }

    private Located resolve(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (ModelUri.isRunUri(source)) {
            return fromRun(source);
        }
        if (lower.startsWith(ModelUri.MODELS)) {
            return fromLoggedModel(source);
        }
        if (lower.startsWith("mlflow-artifacts:") || lower.startsWith("mlforge-artifacts:")) {
            return new Located(checked(source, () -> ArtifactUris.relativePath(source)), null, null, false);
        }
        if (lower.startsWith("file:") || source.startsWith("/")) {
            return new Located(insideLocalRoot(source), null, null, false);
        }
        if (REMOTE.matcher(source).matches()) {
            OpaqueSources.checked(source);
            return new Located(null, null, null, false);
        }
        throw refused(source, "its scheme is not supported (use runs:/, models:/m-<id>, mlflow-artifacts:/, a remote URI "
                + "such as s3://bucket/path, or a path inside the artifact store)");
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
        return new Located(checked(source, () -> ArtifactUris.relativePath(ArtifactUris.toUri(runRoot), artifact.path())), run,
                null, false);
    }

    /** {@code models:/m-<id>}: the logged model's own artifacts, as MLflow's store resolves it. */
    private Located fromLoggedModel(String source) {
        ModelUri uri;
        try {
            uri = ModelUri.parse(source);
        } catch (MlforgeException e) {
            throw refused(source, "it is not a model URI");
        }
        if (!(uri instanceof ModelUri.LoggedModel logged)) {
            throw refused(source, "a registered model URI names another version, not files (use its source)");
        }
        LoggedModelLocator.LoggedModelFacts model = loggedModels.find(logged.modelId()).orElseThrow(() ->
                refused(source, "logged model " + logged.modelId() + " not found"));
        RunFacts run = model.sourceRunId() == null ? null : runs.find(model.sourceRunId()).orElse(null);
        String location = model.artifactLocation();
        if (location == null || location.toLowerCase(Locale.ROOT).startsWith(ModelUri.MODELS) || ModelUri.isRunUri(location)) {
            throw refused(source, "logged model " + logged.modelId() + " has no artifact location in this store");
        }
        return new Located(resolve(location).storagePath(), run, model.modelId(), false);
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
