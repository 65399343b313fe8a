package dev.mlforge.registry;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.artifacts.ArtifactRepository;
import dev.mlforge.serving.ModelSource;
import dev.mlforge.serving.ResolvedModel;
import java.util.List;

/**
 * Resolves {@code models:/name/3}, {@code models:/name@alias}, {@code models:/name/<stage>},
 * {@code models:/name/latest} and {@code runs:/id/path} to local files, refusing a version whose files no longer
 * match their recorded SHA-256 manifest (RESOURCE_CONFLICT, naming the version and the files, relative to it).
 */
final class RegistryModelSource implements ModelSource {
    private final RegistryService registry;
    private final SourceLocator sources;
    private final ArtifactRepository artifacts;

    RegistryModelSource(RegistryService registry, SourceLocator sources, ArtifactRepository artifacts) {
        this.registry = registry;
        this.sources = sources;
        this.artifacts = artifacts;
    }

    @Override
    public ResolvedModel resolve(String modelUri) {
        if (modelUri == null || modelUri.isBlank()) {
            throw MlforgeException.invalidParameter("Missing model URI");
        }
        if (modelUri.startsWith("runs:/")) {
            SourceLocator.Located located = sources.locate(modelUri);
            return new ResolvedModel(modelUri, null, null, artifacts.localPath(located.storagePath()));
        }
        if (!modelUri.startsWith("models:/")) {
            throw MlforgeException.invalidParameter("Unsupported model URI '" + modelUri
                    + "': expected models:/<name>/<version|stage|latest>, models:/<name>@<alias> or runs:/<run_id>/<path>");
        }
        ModelVersion version = version(modelUri, modelUri.substring("models:/".length()).replaceFirst("^/+", ""));
        String number = String.valueOf(version.version());
        Verification verification = registry.verify(version.name(), number);
        if (!verification.intact()) {
            // 409: the request is fine, the stored files conflict with what was registered (not a server fault).
            throw new MlforgeException(ErrorCode.RESOURCE_CONFLICT, "Model Version (name=" + version.name() + ", version="
                    + number + ") failed integrity verification; modified " + verification.modified() + ", missing "
                    + verification.missing() + ", added " + verification.added());
        }
        return new ResolvedModel(modelUri, version.name(), number, artifacts.localPath(version.storagePath()));
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
