package dev.mlforge.registry;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.models.ModelUri;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code models:/name/3}, {@code models:/name@alias}, {@code models:/name/<stage>},
 * {@code models:/name/latest}, {@code models:/m-<id>} (an MLflow 3 logged model) and {@code runs:/id/path} to their place in the artifact store, refusing a version
 * whose files no longer match their recorded SHA-256 manifest. Serving reaches it through an adapter in the
 * application's wiring.
 */
public final class ModelUriResolver {
    private final RegistryService registry;
    private final SourceLocator sources;

    ModelUriResolver(RegistryService registry, SourceLocator sources) {
        this.registry = registry;
        this.sources = sources;
    }

    /**
     * A model URI resolved to the artifact-store directory of its files.
     *
     * @param uri         the URI as asked for (e.g. {@code models:/fraud@champion})
     * @param modelName   the registered model's name (null for a {@code runs:/} URI)
     * @param version     the concrete version the URI points at now (null for a {@code runs:/} URI)
     * @param storagePath the relative path of the model's files in the artifact store
     */
    public record ResolvedUri(String uri, String modelName, String version, String storagePath) {}

    /**
     * @throws MlforgeException RESOURCE_DOES_NOT_EXIST for an unknown model, version or alias;
     *     INVALID_PARAMETER_VALUE for a malformed URI; RESOURCE_CONFLICT when the version's artifacts fail integrity
     *     verification
     */
    public ResolvedUri resolve(String modelUri) {
        ModelUri uri = ModelUri.parse(modelUri);
        if (uri instanceof ModelUri.RunArtifact || uri instanceof ModelUri.LoggedModel) {
            SourceLocator.Located located = sources.locate(modelUri);
            return new ResolvedUri(modelUri, null, null, located.storagePath());
        }
        ModelVersionEntity version = version(modelUri, uri);
        String number = String.valueOf(version.version());
        Verification verification = registry.verify(version.name(), number);
        if (!verification.filesPresent()) {
            throw new MlforgeException(ErrorCode.RESOURCE_CONFLICT, "Model Version (name=" + version.name() + ", version="
                    + number + ") has no files in the artifact store yet: its source '" + version.source()
                    + "' was registered before its files were uploaded");
        }
        if (!verification.intact()) {
            // 409: the request is fine, the stored files conflict with what was registered (not a server fault).
            throw new MlforgeException(ErrorCode.RESOURCE_CONFLICT, "Model Version (name=" + version.name() + ", version="
                    + number + ") failed integrity verification; modified " + verification.modified() + ", missing "
                    + verification.missing() + ", added " + verification.added());
        }
        return new ResolvedUri(modelUri, version.name(), number, version.storagePath());
    }

    /**
     * The version number an alias, stage or {@code latest} URI points at now, read from the store alone (no file is
     * verified or loaded): cheap enough for a server to poll what the deployments following such URIs should serve.
     * Empty when it points at nothing (an alias deleted, no version in the stage) or is not such a URI.
     */
    public Optional<String> currentVersion(String modelUri) {
        ModelUri uri;
        try {
            uri = ModelUri.parse(modelUri);
            if (!(uri instanceof ModelUri.Alias || uri instanceof ModelUri.Stage || uri instanceof ModelUri.Latest)) {
                return Optional.empty();
            }
            return Optional.of(String.valueOf(version(modelUri, uri).version()));
        } catch (MlforgeException pointsNowhere) {
            return Optional.empty();
        }
    }

    private ModelVersionEntity version(String text, ModelUri uri) {
        if (uri instanceof ModelUri.Alias alias) {
            // a model URI names something to load: an alias the model lacks is not found (MLflow's REST route says 400)
            registry.getRegisteredModel(alias.name());
            return registry.findModelVersionByAlias(alias.name(), alias.alias()).orElseThrow(() -> MlforgeException.notFound(
                    "Registered model alias " + alias.alias() + " not found."));
        }
        if (uri instanceof ModelUri.Version number) {
            return registry.getModelVersion(number.name(), number.version());
        }
        if (uri instanceof ModelUri.Latest latest) {
            List<ModelVersionEntity> versions = registry.versions(latest.name());
            if (versions.isEmpty()) {
                throw MlforgeException.notFound("Registered model '" + latest.name() + "' has no versions");
            }
            return versions.get(0);
        }
        if (uri instanceof ModelUri.Stage stage && Stage.isStage(stage.stage())) {
            List<ModelVersionEntity> inStage = registry.getLatestVersions(stage.name(), List.of(stage.stage()));
            if (inStage.isEmpty()) {
                throw MlforgeException.notFound("Registered model '" + stage.name() + "' has no version in stage "
                        + Stage.parse(stage.stage()).canonical());
            }
            return inStage.get(0);
        }
        if (uri instanceof ModelUri.Stage other) {
            throw MlforgeException.invalidParameter("Invalid model URI '" + text + "': '" + other.stage()
                    + "' is neither a version number, a stage nor 'latest'");
        }
        throw MlforgeException.invalidParameter("Invalid model URI '" + text + "'");
    }
}
