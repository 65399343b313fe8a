package dev.mlforge.registry;

import dev.mlforge.http.MlforgeException;
import java.util.List;

/**
 * Resolves {@code models:/name/3}, {@code models:/name@alias}, {@code models:/name/<stage>},
 * {@code models:/name/latest} and {@code runs:/id/path} to their place in the artifact store, refusing a version
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
     *     INVALID_PARAMETER_VALUE for a malformed URI; INVALID_STATE when the version's artifacts fail integrity
     *     verification
     */
    public ResolvedUri resolve(String modelUri) {
        if (modelUri == null || modelUri.isBlank()) {
            throw MlforgeException.invalidParameter("Missing model URI");
        }
        if (modelUri.startsWith("runs:/")) {
            SourceLocator.Located located = sources.locate(modelUri);
            return new ResolvedUri(modelUri, null, null, located.storagePath());
        }
        if (!modelUri.startsWith("models:/")) {
            throw MlforgeException.invalidParameter("Unsupported model URI '" + modelUri
                    + "': expected models:/<name>/<version|stage|latest>, models:/<name>@<alias> or runs:/<run_id>/<path>");
        }
        ModelVersion version = version(modelUri, modelUri.substring("models:/".length()).replaceFirst("^/+", ""));
        String number = String.valueOf(version.version());
        Verification verification = registry.verify(version.name(), number);
        if (!verification.intact()) {
            throw MlforgeException.invalidState("Model Version (name=" + version.name() + ", version=" + number
                    + ") failed integrity verification; modified " + verification.modified() + ", missing "
                    + verification.missing() + ", added " + verification.added());
        }
        return new ResolvedUri(modelUri, version.name(), number, version.storagePath());
    }

    private ModelVersion version(String uri, String path) {
        int slash = path.lastIndexOf('/');
        int at = path.lastIndexOf('@');
        if (at > slash && at > 0) {
            return registry.getModelVersionByAlias(path.substring(0, at), path.substring(at + 1));
        }
        if (slash <= 0 || slash == path.length() - 1) {
            throw MlforgeException.invalidParameter("Invalid model URI '" + uri
                    + "': expected models:/<name>/<version|stage|latest> or models:/<name>@<alias>");
        }
        String name = path.substring(0, slash);
        String suffix = path.substring(slash + 1);
        if (suffix.chars().allMatch(Character::isDigit)) {
            return registry.getModelVersion(name, suffix);
        }
        if (suffix.equalsIgnoreCase("latest")) {
            List<ModelVersion> versions = registry.versions(name);
            if (versions.isEmpty()) {
                throw MlforgeException.notFound("Registered model '" + name + "' has no versions");
            }
            return versions.get(0);
        }
        if (Stage.isStage(suffix)) {
            List<ModelVersion> latest = registry.getLatestVersions(name, List.of(suffix));
            if (latest.isEmpty()) {
                throw MlforgeException.notFound("Registered model '" + name + "' has no version in stage " + Stage.parse(suffix).canonical());
            }
            return latest.get(0);
        }
        throw MlforgeException.invalidParameter("Invalid model URI '" + uri + "': '" + suffix
                + "' is neither a version number, a stage nor 'latest'");
    }
}
